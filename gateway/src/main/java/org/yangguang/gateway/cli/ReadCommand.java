package org.yangguang.gateway.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yangguang.contract.PointValue;
import org.yangguang.gateway.config.DeviceConfig;
import org.yangguang.gateway.modbus.LinkTiming;
import org.yangguang.gateway.modbus.ModbusLink;
import org.yangguang.gateway.poll.DeviceHealth;
import org.yangguang.gateway.poll.DevicePoller;
import org.yangguang.gateway.poll.DeviceReading;
import org.yangguang.gateway.registermap.RegisterMaps;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code gateway read --host H [--port 502] | --serial /dev/ttyUSB0 [--baud 9600] [--parity none] [--stop-bits 1]
 * --unit U [--map NAME|FILE] [--timeout-ms 3000]}: identifies and decodes one device once and prints JSON (its
 * nameplate, then point → value with unit), SunSpec by discovery when no map is named. Exit code 0 when the
 * device read ok, 2 otherwise (the JSON then carries status and error).
 */
public final class ReadCommand {
    private ReadCommand() {
    }

    public static int run(Args a, PrintStream out) throws Exception {
        LinkArgs where = LinkArgs.from(a);
        int unit = a.integer("unit", 1);
        String map = a.get("map", null);
        LinkTiming timing = new LinkTiming(Duration.ofMillis(a.integer("timeout-ms", 3000)), 1, Duration.ZERO,
                Duration.ofMillis(a.integer("delay-after-connect-ms", 0)));
        int maxRegisters = a.integer("max-registers", 125);
        a.requireNoOthers();
        RegisterMaps maps = RegisterMaps.withDirs(List.of(Path.of(".")));
        DeviceConfig d = new DeviceConfig("cli", unit, "device", map);
        try (ModbusLink link = where.open(timing)) {
            DevicePoller poller = new DevicePoller(d, maps.reader(d, maxRegisters),
                    DeviceHealth.defaults(Clock.systemUTC(), Duration.ofSeconds(5)), Clock.systemUTC());
            DeviceReading r = poller.poll(link);
            out.println(toJson(where.describe(), unit, r));
            return r.status() == org.yangguang.contract.DeviceStatus.OK ? 0 : 2;
        }
    }

    static String toJson(String where, int unit, DeviceReading r) throws Exception {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("device", where).put("unit", unit).put("model", r.model()).put("status", r.status().wire());
        if (r.error() != null) {
            root.put("error", r.error());
        }
        if (r.nameplate() != null) {
            ObjectNode np = root.putObject("nameplate");
            r.nameplate().fields().forEach(np::put);
        }
        ObjectNode points = root.putObject("points");
        for (Map.Entry<String, PointValue> e : r.points().entrySet()) {
            ObjectNode p = points.putObject(e.getKey());
            double v = e.getValue().value();
            if (v == Math.rint(v) && Math.abs(v) < 9e15) {
                p.put("value", (long) v);
            } else {
                p.put("value", BigDecimal.valueOf(v));
            }
            p.put("unit", e.getValue().unit());
            if (e.getValue().text() != null) {
                p.put("text", e.getValue().text());
            }
        }
        return m.writeValueAsString(root);
    }
}
