package org.yangguang.collector;

import org.yangguang.collector.config.CommandLine;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java org.yangguang.collector.CollectorMain --mqtt tcp://127.0.0.1:1883 --influx http://127.0.0.1:8086 ...}
 * Prints {@code COLLECTOR READY http=<port>} once it consumes; SIGTERM stops it cleanly (running writes finish,
 * the rest stays with the broker).
 */
public final class CollectorMain {
    private CollectorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(CommandLine.usage());
            return;
        }
        CollectorConfig cfg;
        try {
            cfg = CommandLine.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("collector: " + e.getMessage());
            System.exit(2);
            return;
        }
        cfg.logFormat().install(); // before the first logger: logback reads its configuration once
        Collector collector;
        try {
            collector = Collector.start(cfg);
        } catch (RuntimeException e) {
            System.err.println("collector: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            collector.close();
            stopped.countDown();
        }, "collector-shutdown"));
        System.out.println("COLLECTOR READY http=" + collector.httpPort());
        System.out.flush();
        stopped.await();
    }
}
