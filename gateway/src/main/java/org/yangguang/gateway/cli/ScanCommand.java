package org.yangguang.gateway.cli;

import org.yangguang.contract.Nameplate;
import org.yangguang.gateway.modbus.LinkTiming;
import org.yangguang.gateway.modbus.ModbusFailure;
import org.yangguang.gateway.modbus.ModbusLink;
import org.yangguang.gateway.registermap.MapDecoder;
import org.yangguang.gateway.registermap.MapPoint;
import org.yangguang.gateway.registermap.RegisterMap;
import org.yangguang.gateway.registermap.RegisterMaps;
import org.yangguang.gateway.registermap.RegisterMapReader;
import org.yangguang.gateway.sunspec.CanonicalMapping;
import org.yangguang.gateway.sunspec.ModelBlock;
import org.yangguang.gateway.sunspec.SunSpecDiscovery;
import org.yangguang.gateway.sunspec.SunSpecLayout;
import org.yangguang.gateway.sunspec.SunSpecReader;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code gateway scan --host H [--port 502] | --serial /dev/ttyUSB0 [--baud 9600] [--parity none] [--stop-bits 1]
 * [--units 1-247] [--timeout-ms 300]}: probes each unit id for a SunSpec map and for the identity registers of the
 * shipped vendor maps, and prints a ready-to-paste config snippet (progress goes to stderr, the snippet to stdout).
 * On RS-485 every empty unit id costs the timeout: 247 of them at 300 ms take about 75 s.
 */
public final class ScanCommand {
    /** What scan found at one unit id, with the nameplate it gave (empty when it has none). */
    public record Found(int unit, String kind, String sunspecModel, String map, String description, Nameplate nameplate) {
    }

    private ScanCommand() {
    }

    public static int run(Args a, PrintStream out) {
        return run(a, out, System.err);
    }

    /**
     * Exit 0 when devices were found (and, with {@code --register}, reported), 2 when none answered on a working link,
     * 3 when the link cannot be opened, 4 when the registry did not take the report.
     */
    public static int run(Args a, PrintStream out, PrintStream err) {
        LinkArgs where = LinkArgs.from(a);
        List<Integer> units = units(a.get("units", "1-247"));
        Registration registration = Registration.from(a);
        LinkTiming timing = new LinkTiming(Duration.ofMillis(a.integer("timeout-ms", 300)), 0, Duration.ZERO,
                Duration.ofMillis(a.integer("delay-after-connect-ms", 0)));
        a.requireNoOthers();
        List<Found> found;
        try (ModbusLink link = where.open(timing)) {
            found = scan(link, units, err);
        } catch (ModbusFailure e) {
            // the link itself failed: no unit id can answer, and "0 devices" would hide why
            err.println("gateway scan: " + e.getMessage());
            return 3;
        }
        if (found.isEmpty()) {
            err.println("gateway scan: the link to " + where.describe() + " is open, but no unit id in "
                    + a.get("units", "1-247") + " answered within " + timing.timeout().toMillis() + " ms"
                    + (where.rtu() != null ? " (check the A/B wiring, baud rate and parity, and the devices' addresses)"
                    : " (check the unit ids the logger maps, or a longer --timeout-ms)"));
        }
        out.print(snippet(where, a.get("units", "1-247"), found));
        if (registration != null && !found.isEmpty()) {
            try {
                registration.send(where, found, err);
            } catch (java.io.IOException e) {
                // the scan itself worked and its snippet is printed: say what failed, exit apart from "nothing found"
                err.println("gateway scan: the devices were found but not registered: " + e.getMessage());
                return 4;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 4;
            }
        }
        return found.isEmpty() ? 2 : 0;
    }

    /** The devices found at {@code units}; throws when the link itself cannot be opened ({@link ModbusFailure#isLinkDown()}). */
    public static List<Found> scan(ModbusLink link, List<Integer> units, PrintStream progress) throws ModbusFailure {
        List<Found> found = new ArrayList<>();
        List<RegisterMap> maps = RegisterMaps.shipped().stream().filter(m -> m.identity() != null).toList();
        for (int unit : units) {
            Optional<Found> f = probe(link, unit, maps);
            f.ifPresent(x -> progress.println("unit " + unit + ": " + x.description()));
            f.ifPresent(found::add);
        }
        return found;
    }

    private static Optional<Found> probe(ModbusLink link, int unit, List<RegisterMap> maps) throws ModbusFailure {
        try {
            Optional<SunSpecLayout> layout = SunSpecDiscovery.discover(link, unit);
            if (layout.isPresent()) {
                Optional<ModelBlock> primary = layout.get().primary();
                if (primary.isPresent()) {
                    int id = primary.get().id();
                    String kind = CanonicalMapping.METER_MODELS.contains(id) ? "meter" : "inverter";
                    Nameplate np = SunSpecReader.nameplate(link, unit, layout.get(), 125);
                    return Optional.of(new Found(unit, kind, "sunspec:" + id, null, "SunSpec " + id + " " + describe(np), np));
                }
            }
        } catch (ModbusFailure e) {
            if (e.isLinkDown()) {
                throw e;
            }
            if (e.isTimeout()) {
                return Optional.empty(); // nothing at this unit id
            }
        }
        for (RegisterMap m : maps) {
            MapPoint id = m.identity();
            try {
                int[] regs = link.read(unit, id.functionCode(), id.address(), id.size());
                String s = MapDecoder.string(regs, 0, id.size());
                boolean printable = !s.isEmpty() && s.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
                if (printable && (m.identityPrefix() == null || s.startsWith(m.identityPrefix()))) {
                    Nameplate np = new RegisterMapReader(m, unit, 125).identify(link);
                    String model = np.get(Nameplate.MODEL) == null ? s : np.get(Nameplate.MODEL);
                    return Optional.of(new Found(unit, m.kind(), null, m.name(), m.description() + " (" + model
                            + (np.serial() == null ? "" : ", serial " + np.serial()) + ")", np));
                }
            } catch (ModbusFailure e) {
                if (e.isLinkDown()) {
                    throw e;
                }
                if (e.isTimeout()) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** "manufacturer model serial" as far as the device told. */
    private static String describe(Nameplate np) {
        List<String> parts = new ArrayList<>();
        for (String key : List.of(Nameplate.MANUFACTURER, Nameplate.MODEL, Nameplate.SERIAL)) {
            if (np.get(key) != null) {
                parts.add(np.get(key));
            }
        }
        return String.join(" ", parts);
    }

    static String snippet(LinkArgs where, String unitSpec, List<Found> found) {
        StringBuilder b = new StringBuilder();
        b.append("# gateway scan of ").append(where.describe()).append(" units ").append(unitSpec)
                .append(": ").append(found.size()).append(found.size() == 1 ? " device\n" : " devices\n");
        b.append("links:\n");
        b.append("  - ").append(where.yaml()).append('\n');
        if (where.rtu() == null && found.stream().anyMatch(f -> "huawei-sun2000".equals(f.map()))) {
            b.append("    # Huawei SDongle/SmartLogger: slow answers, needs a pause after connect\n");
            b.append("    timeout: 10s\n    delayAfterConnect: 1s\n    pauseBetweenRequests: 50ms\n");
        }
        b.append("    devices:\n");
        int inverters = 0;
        int meters = 0;
        for (Found f : found) {
            String id = f.kind().equals("meter") ? String.format("meter-%02d", ++meters) : String.format("inv-%02d", ++inverters);
            b.append("      - {id: ").append(id).append(", unit: ").append(f.unit()).append(", kind: ").append(f.kind())
                    .append(f.map() == null ? ", sunspec: true}" : ", map: " + f.map() + "}")
                    .append("   # ").append(f.description()).append('\n');
        }
        return b.toString();
    }

    /** "1-247", "1,2,5-7". */
    static List<Integer> units(String spec) {
        List<Integer> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            try {
                if (p.contains("-")) {
                    String[] r = p.split("-", 2);
                    int from = Integer.parseInt(r[0].trim());
                    int to = Integer.parseInt(r[1].trim());
                    for (int u = from; u <= to; u++) {
                        out.add(check(u));
                    }
                } else {
                    out.add(check(Integer.parseInt(p)));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--units: '" + p + "' is not a unit id or range like 1-247");
            }
        }
        return out;
    }

    private static int check(int u) {
        if (u < 0 || u > 255) {
            throw new IllegalArgumentException("--units: unit id " + u + " is outside 0..255");
        }
        return u;
    }
}
