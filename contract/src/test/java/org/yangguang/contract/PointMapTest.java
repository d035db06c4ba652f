package org.yangguang.contract;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PointMapTest {

    private static final PointValue POWER = PointValue.of(36250, "W");
    private static final PointValue VOLTAGE = PointValue.of(230.9, "V");

    @Test
    void keepsTheDecodedOrderAndCannotBeChangedOnceBuilt() {
        PointMap.Builder b = new PointMap.Builder().put("ac_voltage_an", VOLTAGE).put("ac_power", POWER)
                .putIfAbsent("ac_voltage_an", PointValue.of(1, "V"));
        PointMap m = b.build();

        assertThat(List.copyOf(m.keySet())).containsExactly("ac_voltage_an", "ac_power");
        assertThat(m.get("ac_voltage_an")).isEqualTo(VOLTAGE);
        assertThat(m).isEqualTo(Map.of("ac_power", POWER, "ac_voltage_an", VOLTAGE));
        assertThatThrownBy(() -> m.put("x", POWER)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.entrySet().iterator().next().setValue(POWER))
                .isInstanceOf(UnsupportedOperationException.class);
        // the builder handed its map over: a later put would change a reading already stored
        assertThatThrownBy(() -> b.put("late", POWER)).isInstanceOf(IllegalStateException.class)
                .hasMessage("this builder was already built");
    }

    @Test
    void telemetryKeepsAPointMapAndCopiesAnyOtherMap() {
        PointMap built = new PointMap.Builder().put("ac_power", POWER).build();
        assertThat(telemetry(built).points()).isSameAs(built);

        Map<String, PointValue> caller = new LinkedHashMap<>();
        caller.put("ac_power", POWER);
        Map<String, PointValue> kept = telemetry(caller).points();
        caller.put("ac_voltage_an", VOLTAGE); // the caller's map changes later; the reading must not

        assertThat(kept).containsOnlyKeys("ac_power").isInstanceOf(PointMap.class);
        assertThat(telemetry(null).points()).isEmpty();
    }

    private static Telemetry telemetry(Map<String, PointValue> points) {
        return new Telemetry(1, "lin-baiwen-01", "gw-baiwen-01", "inv-01", "inverter", "sunspec:103", 0, 1,
                DeviceStatus.OK, null, points);
    }
}
