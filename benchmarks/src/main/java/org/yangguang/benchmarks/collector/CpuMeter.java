package org.yangguang.benchmarks.collector;

import org.yangguang.benchmarks.ProcStat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time by thread group of this JVM (from its per-thread CPU clocks) and of the broker and InfluxDB
 * processes (from /proc), so a benchmark can say where the CPU per message went, not only how fast it was.
 */
final class CpuMeter {
    private final long brokerPid;
    private final long influxPid;

    CpuMeter(long brokerPid, long influxPid) {
        this.brokerPid = brokerPid;
        this.influxPid = influxPid;
    }

    /** Nanoseconds of CPU so far, by group. */
    Map<String, Long> snapshot() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new TreeMap<>();
        for (ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (ti == null) {
                continue;
            }
            long ns = mx.getThreadCpuTime(ti.getThreadId());
            if (ns > 0) {
                out.merge(group(ti.getThreadName()), ns, Long::sum);
            }
        }
        if (brokerPid > 0) {
            out.put("~ broker (Mosquitto)", ticks(brokerPid) * ProcStat.NANOS_PER_TICK);
        }
        if (influxPid > 0) {
            out.put("~ InfluxDB (influxd)", ticks(influxPid) * ProcStat.NANOS_PER_TICK);
        }
        return out;
    }

    /** Thread names without client ids, numbers and ports, so pools and per-run clients group together. */
    static String group(String name) {
        String n = name.replaceAll("bench-(pub|sub|collector)-\\d+", "$1").replaceAll("\\d+", "#");
        if (n.startsWith("MQTT ")) {
            return "paho " + n.substring(5).replace(": ", " ");
        }
        return n;
    }

    /** after − before, per group. */
    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new TreeMap<>();
        after.forEach((k, v) -> d.put(k, Math.max(0, v - before.getOrDefault(k, 0L))));
        return d;
    }

    private static long ticks(long pid) {
        try {
            return ProcStat.cpuTicks(pid);
        } catch (Exception e) {
            return 0; // the server went away: its column reads 0 rather than ending the run
        }
    }
}
