package org.yangguang.distribution.demo;

import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** demo/county.yaml's reader: every error names the file and the key where it is. */
class DemoCountyTest {
    @Test
    void aMissingKeyIsNamedWithItsPath() {
        assertThatThrownBy(() -> DemoCounty.read(new StringReader("county: {code: lin}\n"), "county.yaml"))
                .hasMessage("county.yaml: county.name is missing");
    }

    @Test
    void aBadValueIsNamedWithItsPath() {
        String yaml = "county: {code: lin, name: 临县}\ntownships: []\nstations:\n  - {code: s, name: S, kind: JOINT,"
                + " kwp: many, batch: b, zone: III, grid: 2017-06-30, shares: {}}\n";
        assertThatThrownBy(() -> DemoCounty.read(new StringReader(yaml), "county.yaml"))
                .hasMessage("county.yaml: stations[0].kwp is not a number: many");
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThatThrownBy(() -> DemoCounty.read(new StringReader("county: {code: a, code: b}\n"), "county.yaml"))
                .hasMessageStartingWith("county.yaml: ").hasMessageContaining("duplicate key code");
    }

    @Test
    void theRepositoryFileReads() {
        DemoCounty c = DemoCounty.load(java.nio.file.Path.of("..", "demo", "county.yaml"));
        assertThat(c.county().code()).isEqualTo("lin");
        assertThat(c.stations().get(0).grid()).isEqualTo(java.time.LocalDate.of(2017, 6, 30));
        assertThat(c.history().monthsBack()).isEqualTo(2);
    }
}
