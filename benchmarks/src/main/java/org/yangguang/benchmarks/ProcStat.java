package org.yangguang.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Linux's /proc says of a process the benchmarks measure (the gateway in its own JVM, Mosquitto, InfluxDB):
 * CPU ticks (CLK_TCK = 100, so one tick is 10 ms) and resident memory.
 */
public final class ProcStat {
    /** Nanoseconds in one CPU tick (CLK_TCK = 100 on Linux). */
    public static final long NANOS_PER_TICK = 10_000_000L;

    private ProcStat() {
    }

    /** utime + stime of the process so far, in ticks. */
    public static long cpuTicks(long pid) throws IOException {
        return ticks(Files.readString(Path.of("/proc/" + pid + "/stat")));
    }

    /** Resident set size in KiB (VmRSS), 0 when the kernel does not say. */
    public static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    /** CPU ticks of each of the process's threads, summed by thread name (the kernel keeps 15 characters). */
    public static Map<String, Long> taskTicks(long pid) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[-:#\\s]*\\d+$", "");
                    out.merge(name, ticks(stat), Long::sum);
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return out;
    }

    /** utime + stime (fields 14 and 15) of a /proc stat line; the name in parentheses may hold spaces. */
    private static long ticks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
