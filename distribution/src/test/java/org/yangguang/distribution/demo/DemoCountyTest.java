package org.yangguang.distribution.demo;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigDecimal;

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
                + " kwp: many, batch: b, zone: III, grid: 2017-06-30, shares: {}, latitude: 37, longitude: 110,"
                + " gateway: gw-s, inverters: {count: 1, kwp: 50}}\n";
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
        // the one file that spells each station's gateway and devices: every station has both, and its inverters'
        // capacities add up to the station's (the demo's stations have no DC/AC oversizing)
        for (DemoCounty.StationSpec s : c.stations()) {
            assertThat(s.gateway()).as(s.code()).startsWith("gw-");
            assertThat(s.devices()).as(s.code()).isNotEmpty();
            assertThat(s.devices().stream().map(DemoCounty.DeviceSpec::kwp).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .as(s.code()).isEqualByComparingTo(s.kwp());
        }
        assertThat(c.stations()).extracting(s -> s.devices().size()).containsExactly(6, 6, 15);
    }

    private static String station(String devices) {
        return "county: {code: lin, name: 临县}\ntownships: []\nstations:\n  - {code: s, name: S, kind: JOINT,"
                + " kwp: 300, batch: b, zone: III, grid: 2017-06-30, shares: {}, latitude: 37.5, longitude: 110.5,"
                + " gateway: gw-s" + devices + "}\n";
    }

    private static DemoCounty.StationSpec read(String yaml) {
        return DemoCounty.read(new StringReader(yaml + "accounts: []\npolicies: []\nhouseholds: {}\nposts: []\n"
                + "projects: []\nhistory: {monthsBack: 0, statements: {}, subsidyEvery: 1, currentMonthReceipts: false,"
                + " plan: {categories: {}, lines: [], smallProject: {village: v, category: c, percent: 1, project: p,"
                + " fixedFen: 1, from: c}}}\n"), "county.yaml").stations().get(0);
    }

    @Test
    void compactInvertersAreNumberedOnUnitsFromOneAndAListAddsOthers() {
        DemoCounty.StationSpec s = read(station(", inverters: {count: 3, kwp: 100}, devices: [{code: meter-01,"
                + " kind: meter, unit: 200, map: eastron-sdm630}]"));
        assertThat(s.latitude()).isEqualByComparingTo("37.5");
        assertThat(s.longitude()).isEqualByComparingTo("110.5");
        assertThat(s.gateway()).isEqualTo("gw-s");
        assertThat(s.devices()).containsExactly(
                new DemoCounty.DeviceSpec("inv-01", "inverter", 1, new BigDecimal("100"), null),
                new DemoCounty.DeviceSpec("inv-02", "inverter", 2, new BigDecimal("100"), null),
                new DemoCounty.DeviceSpec("inv-03", "inverter", 3, new BigDecimal("100"), null),
                new DemoCounty.DeviceSpec("meter-01", "meter", 200, null, "eastron-sdm630"));
    }

    @Test
    void badDevicesAreNamedWithTheStation() {
        assertThatThrownBy(() -> read(station("")))
                .hasMessage("county.yaml: stations[0] needs inverters: {count, kwp} or devices");
        assertThatThrownBy(() -> read(station(", inverters: {count: 0, kwp: 50}")))
                .hasMessage("county.yaml: stations[0].inverters.count must be 1..247, was 0");
        assertThatThrownBy(() -> read(station(", inverters: {count: 2, kwp: -5}")))
                .hasMessage("county.yaml: stations[0].inverters.kwp must be positive, was -5");
        assertThatThrownBy(() -> read(station(", inverters: {count: 2, kwp: 50}, devices: [{code: inv-02,"
                + " kind: inverter, unit: 9}]"))).hasMessage("county.yaml: stations[0] has device inv-02 twice");
        assertThatThrownBy(() -> read(station(", inverters: {count: 2, kwp: 50}, devices: [{code: m,"
                + " kind: meter, unit: 2}]"))).hasMessage("county.yaml: stations[0] has unit 2 twice");
        assertThatThrownBy(() -> read(station(", devices: [{code: m, kind: meter}]")))
                .hasMessage("county.yaml: stations[0].devices[0].unit is missing");
    }
}
