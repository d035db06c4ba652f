package org.yangguang.distribution;

import io.micronaut.runtime.Micronaut;

/** The distribution service: registry, revenue, allocation, payments and ledger over HTTP. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
