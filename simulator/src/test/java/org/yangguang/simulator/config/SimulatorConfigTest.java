package org.yangguang.simulator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.simulator.station.Faults;
import org.yangguang.simulator.sunspec.SunSpec.Event1;

class SimulatorConfigTest {

    @TempDir
    Path dir;

    private SimulatorConfig load(String yaml) throws Exception {
        Path file = dir.resolve("sim.yaml");
        Files.writeString(file, yaml);
        return SimulatorConfig.load(file);
    }

    private void rejects(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void exampleVillageStation() {
        SimulatorConfig c = SimulatorConfig.load(Path.of("sim.yaml"));
        assertThat(c.inverters()).hasSize(6);
        assertThat(c.ratedPowerW()).isEqualTo(300_000);
        assertThat(c.latitudeDeg()).isEqualTo(37.95);
        assertThat(c.longitudeDeg()).isEqualTo(110.99);
        assertThat(c.port()).isEqualTo(1502);
        assertThat(c.sunspecBase()).isEqualTo(40_000);
        assertThat(c.updateInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.inverters().get(5).initialEnergyWh()).isEqualTo(150_000_000L);
        assertThat(c.inverters().get(0).initialEnergyWh()).isEqualTo(100_000_000L);
        assertThat(c.inverters().get(5).faults()).isEqualTo(Faults.NONE);
    }

    @Test
    void minimalFileTakesDefaults() throws Exception {
        SimulatorConfig c = load("inverters:\n  - {unit: 3, ratedPowerW: 110000}\n");
        assertThat(c.latitudeDeg()).isEqualTo(37.95);
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isZero();
        assertThat(c.cloudiness()).isZero();
        assertThat(c.offlineHold()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.inverters().get(0).serial()).isEqualTo("SIM-0003");
        assertThat(c.inverters().get(0).model()).isNull();
    }

    @Test
    void yieldFactorFromYaml() throws Exception {
        SimulatorConfig c = load("inverters:\n  - {unit: 1, ratedPowerW: 50000, yieldFactor: 0.97}\n  - {unit: 2, ratedPowerW: 50000}\n");
        assertThat(c.inverters().get(0).yieldFactor()).isEqualTo(0.97);
        assertThat(c.inverters().get(1).yieldFactor()).isEqualTo(1.0);
        rejects("inverters:\n  - {unit: 1, ratedPowerW: 50000, yieldFactor: 1.5}\n", "yieldFactor");
    }

    @Test
    void faultsFromYaml() throws Exception {
        SimulatorConfig c = load("""
                inverters:
                  - unit: 1
                    ratedPowerW: 50000
                    faults: {offline: true, slowResponse: 1500ms, derate: 0.3}
                  - unit: 2
                    ratedPowerW: 50000
                    faults: {alarm: [over_temp, GRID_DISCONNECT], zeroOutput: yes}
                  - unit: 3
                    ratedPowerW: 50000
                    faults: {alarm: true}
                """);
        assertThat(c.inverters().get(0).faults()).isEqualTo(new Faults(true, false, 0, Duration.ofMillis(1500), 0.3));
        assertThat(c.inverters().get(1).faults())
                .isEqualTo(new Faults(false, true, Event1.OVER_TEMP.mask() | Event1.GRID_DISCONNECT.mask(), Duration.ZERO, 0));
        assertThat(c.inverters().get(2).faults().alarmEvents()).isEqualTo(Event1.GROUND_FAULT.mask());
    }

    @Test
    void errorsNameTheLineAndKey() {
        rejects("station: a\nlatitude: 95\ninverters:\n  - {unit: 1, ratedPowerW: 50000}\n",
                "line 2: latitude must be within [-90.0, 90.0], got 95");
        rejects("station: a\ninverters:\n  - {unit: 1, ratedPowerW: 50000}\n  - {unit: 1, ratedPowerW: 60000}\n",
                "line 4: inverters[1]: unit 1 appears twice");
        rejects("inverters:\n  - {unit: 1, ratedPower: 50000}\n", "line 2: unknown key \"ratedPower\" in inverters[0]");
        rejects("inverters:\n  - {unit: 300, ratedPowerW: 50000}\n", "line 2: inverters[0].unit must be within 1..247, got 300");
        rejects("sunspecBase: 30000\ninverters:\n  - {unit: 1, ratedPowerW: 50000}\n", "line 1: sunspecBase must be 40000, 0 or 50000");
        rejects("updateInterval: soon\ninverters:\n  - {unit: 1, ratedPowerW: 50000}\n", "line 1: updateInterval: not a duration: \"soon\"");
        rejects("inverters:\n  - unit: 1\n    ratedPowerW: 50000\n    faults: {alarm: [MELTDOWN]}\n",
                "line 4: inverters[0].faults.alarm: unknown Evt1 event \"MELTDOWN\"");
        rejects("inverters:\n  - unit: 1\n    ratedPowerW: 50000\n    faults: {derate: 1.5}\n",
                "line 4: inverters[0].faults.derate must be within [0.0, 1.0], got 1.5");
        rejects("station: a\n", "inverters is missing");
        rejects("inverters: []\n", "line 1: inverters must be a non-empty list");
        rejects("inverters: [\n", "not valid YAML");
        rejects("", "the file is empty");
        rejects("station: a\nstation: b\ninverters:\n  - {unit: 1, ratedPowerW: 50000}\n", "line 2: key \"station\" appears twice");
    }

    @Test
    void durationsInBothNotations() {
        assertThat(Durations.parse("PT10M")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("pt1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> Durations.parse("ten")).hasMessageContaining("not a duration");
    }
}
