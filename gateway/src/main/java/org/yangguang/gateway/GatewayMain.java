package org.yangguang.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.gateway.cli.Args;
import org.yangguang.gateway.cli.ConfigCommand;
import org.yangguang.gateway.cli.ReadCommand;
import org.yangguang.gateway.cli.ScanCommand;
import org.yangguang.gateway.config.ConfigException;
import org.yangguang.gateway.config.GatewayConfig;
import org.yangguang.gateway.health.HealthServer;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Command line: {@code run --config station.yaml}, {@code scan --host H --port P --units 1-247},
 * {@code read --host H --port P --unit U [--map NAME|FILE]}.
 */
public final class GatewayMain {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);
    static final String USAGE = String.join("\n",
            "usage: gateway run  --config station.yaml",
            "       gateway scan --host H [--port 502] [--units 1-247] [--timeout-ms 300]",
            "       gateway scan --serial /dev/ttyUSB0 [--baud 9600] [--parity none|even|odd] [--stop-bits 1] [--units 1-247]",
            "            [--register URL --station CODE --credentials FILE [--gateway ID]]   report the devices found to the registry",
            "       gateway config --station CODE --registry-url URL --credentials FILE --mqtt-url URL [--gateway ID]",
            "            [--password-file P] [--buffer-dir D] [--out station.yaml]   station.yaml from the registry",
            "       gateway read --host H [--port 502] --unit U [--map NAME|FILE] [--timeout-ms 3000]",
            "       gateway read --serial /dev/ttyUSB0 [--baud 9600] [--parity none] --unit U [--map NAME|FILE]");

    private GatewayMain() {
    }

    public static void main(String[] args) {
        int rc;
        try {
            rc = run(args);
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("gateway: " + e.getMessage());
            rc = 1;
        } catch (Exception e) {
            System.err.println("gateway: " + e);
            rc = 1;
        }
        if (rc != Integer.MIN_VALUE) {
            System.exit(rc);
        }
    }

    static int run(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println(USAGE);
            return 1;
        }
        switch (args[0]) {
            case "run":
                return runGateway(new Args(args, 1));
            case "read":
                return ReadCommand.run(new Args(args, 1), System.out);
            case "scan":
                return ScanCommand.run(new Args(args, 1), System.out);
            case "config":
                return ConfigCommand.run(new Args(args, 1), System.out, System.err);
            default:
                System.err.println("gateway: unknown command '" + args[0] + "'\n" + USAGE);
                return 1;
        }
    }

    private static int runGateway(Args a) throws InterruptedException {
        Path config = Path.of(a.required("config"));
        a.requireNoOthers();
        GatewayConfig cfg = GatewayConfig.load(config);
        Gateway gw = Gateway.create(cfg, Clock.systemUTC());
        HealthServer health = cfg.health() == null ? null : HealthServer.start(cfg.health(), gw, cfg.station(), cfg.gateway());
        if (health != null) {
            LOG.info("/health and /metrics on http://{}:{}", cfg.health().host(), health.port());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down");
            if (health != null) {
                health.close();
            }
            gw.close();
            stopped.countDown();
        }, "gateway-shutdown"));
        gw.startUplink();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!gw.isConnected() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (!gw.isConnected()) {
            // Rural 4G: polling and buffering must not wait for the broker.
            LOG.warn("broker {} not reachable yet; polling into the buffer and retrying", cfg.mqtt().url());
        }
        gw.startPolling();
        System.out.println("GATEWAY READY");
        System.out.flush();
        stopped.await();
        return Integer.MIN_VALUE; // the shutdown hook ends the JVM
    }
}
