package org.yangguang.benchmarks;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.annotations.Mode;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./yangguang bench jmh [--quick] [--forks N] [--only REGEX]}: runs every benchmark of this module, each
 * of our hot paths and the general path it replaced in the same run, and prints a Markdown table of the two
 * times per operation, their ratio and the bytes allocated per operation (for docs/performance.md).
 */
public final class JmhReport {

    /** Ours and its baseline, two methods of one benchmark class. */
    record Pair(Class<?> bench, String ours, String baseline, String what) {
    }

    static final List<Pair> PAIRS = List.of(
            new Pair(SunSpecDecodeBench.class, "compiled", "interpretive",
                    "gateway poll: SunSpec model 103, 52 registers → 23 points"),
            new Pair(TelemetryEncodeBench.class, "telemetryWriter", "jacksonGenerator",
                    "gateway store: a reading → JSON (1 KB)"),
            new Pair(TelemetryDecodeBench.class, "codecWithChecks", "jacksonTreeOnly",
                    "collector: JSON → a checked reading (baseline parses only)"),
            new Pair(LineProtocolBench.class, "collector", "influxClient",
                    "collector: a reading → InfluxDB lines"));

    private JmhReport() {
    }

    public static void main(String[] argv) throws Exception {
        boolean quick = false;
        int forks = 2;
        String only = ".*";
        for (int i = 0; i < argv.length; i++) {
            switch (argv[i]) {
                case "--quick" -> quick = true;
                case "--forks" -> forks = Integer.parseInt(argv[++i]);
                case "--only" -> only = argv[++i];
                default -> throw new IllegalArgumentException("unknown option " + argv[i]
                        + " (say --quick, --forks N or --only REGEX)");
            }
        }
        ChainedOptionsBuilder o = new OptionsBuilder()
                .mode(Mode.AverageTime).timeUnit(TimeUnit.NANOSECONDS)
                .forks(quick ? 1 : forks)
                .warmupIterations(quick ? 2 : 4).warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 3 : 6).measurementTime(TimeValue.seconds(1))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true);
        int included = 0;
        for (Pair p : PAIRS) {
            if (p.bench().getSimpleName().matches(only)) {
                o.include(p.bench().getName() + "\\.");
                included++;
            }
        }
        if (included == 0) {
            throw new IllegalArgumentException("no benchmark class matches " + only);
        }
        Collection<RunResult> results = new Runner(o.build()).run();
        System.out.println();
        System.out.println(table(results));
    }

    static String table(Collection<RunResult> results) {
        Map<String, RunResult> byName = new HashMap<>();
        for (RunResult r : results) {
            byName.put(r.getParams().getBenchmark(), r);
        }
        StringBuilder md = new StringBuilder();
        md.append(String.format("Java %s, %d cores, JMH average time (± 99.9 %% error), allocation per operation.%n%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors()));
        md.append("| hot path | ours | baseline | ours / baseline | bytes allocated, ours / baseline |\n");
        md.append("|---|---|---|---|---|\n");
        for (Pair p : PAIRS) {
            RunResult ours = byName.get(p.bench().getName() + "." + p.ours());
            RunResult base = byName.get(p.bench().getName() + "." + p.baseline());
            if (ours == null || base == null) {
                continue;
            }
            Result<?> o = ours.getPrimaryResult();
            Result<?> b = base.getPrimaryResult();
            md.append(String.format("| %s | `%s` %.0f ± %.0f ns | `%s` %.0f ± %.0f ns | **%.2f** | %s / %s |%n",
                    p.what(), p.ours(), o.getScore(), o.getScoreError(), p.baseline(), b.getScore(), b.getScoreError(),
                    o.getScore() / b.getScore(), allocated(ours), allocated(base)));
        }
        return md.toString();
    }

    private static String allocated(RunResult r) {
        for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                return String.format("%.0f", e.getValue().getScore());
            }
        }
        return "?";
    }
}
