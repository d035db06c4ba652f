package org.yangguang.collector;

import org.yangguang.contract.DeviceStatus;
import org.yangguang.contract.PointValue;
import org.yangguang.contract.Telemetry;
import org.yangguang.contract.TelemetryCodec;

import java.util.LinkedHashMap;
import java.util.Map;

/** Test payloads built with the contract's own codec. */
final class Telemetries {
    private Telemetries() {
    }

    static Telemetry inverter(String station, String device, long ts, long seq, double powerW, double energyWh) {
        Map<String, PointValue> points = new LinkedHashMap<>();
        points.put("ac_power", PointValue.of(powerW, "W"));
        points.put("ac_energy", PointValue.of(energyWh, "Wh"));
        return new Telemetry(1, station, "gw-" + station, device, "inverter", "sunspec:103", ts, seq, DeviceStatus.OK, null, points);
    }

    static byte[] bytes(Telemetry t) {
        return TelemetryCodec.encode(t);
    }
}
