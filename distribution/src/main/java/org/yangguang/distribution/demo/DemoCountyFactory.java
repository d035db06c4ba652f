package org.yangguang.distribution.demo;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/**
 * The demo county: {@code yangguang.demo.county-file} if set (the launcher passes the checkout's demo/county.yaml, so
 * an edit shows without a rebuild), else the copy in the jar.
 */
@Factory
@Requires(property = "yangguang.demo.seed", value = "true")
final class DemoCountyFactory {
    @Singleton
    DemoCounty county(@Value("${yangguang.demo.county-file:}") String file) {
        return file.isBlank() ? DemoCounty.bundled() : DemoCounty.load(Path.of(file));
    }
}
