package org.yangguang.gateway.cli;

import org.yangguang.gateway.config.GatewayConfig;
import org.yangguang.gateway.registry.RegistryClient;
import org.yangguang.gateway.registry.StationYaml;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code gateway config --station CODE --registry-url URL --credentials FILE --mqtt-url URL [--gateway ID]
 * [--password-file P] [--buffer-dir D] [--out station.yaml]} (the first three may come from YANGGUANG_REGISTRY_URL,
 * YANGGUANG_REGISTRY_CREDENTIALS and YANGGUANG_GATEWAY_MQTT_URL): writes the gateway's station.yaml from distribution's
 * registry of record, so the devices a gateway polls are the ones the registry holds. The file is read back by the
 * gateway's own configuration reader before it replaces anything; without {@code --out} it goes to stdout. Exit 2 when
 * the registry cannot give a runnable configuration yet (no gateway, no confirmed device), 3 when it cannot be reached.
 */
public final class ConfigCommand {
    private ConfigCommand() {
    }

    /** The option, else the environment variable a deployment sets once (the county's registry and broker). */
    private static String orEnv(Args a, String option, String env) {
        String v = a.get(option, System.getenv(env));
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("--" + option + " is required (or set " + env + ")");
        }
        return v;
    }

    public static int run(Args a, PrintStream out, PrintStream err) throws InterruptedException {
        String station = a.required("station");
        RegistryClient client = RegistryClient.of(orEnv(a, "registry-url", "YANGGUANG_REGISTRY_URL"),
                Path.of(orEnv(a, "credentials", "YANGGUANG_REGISTRY_CREDENTIALS")));
        StationYaml.Local local = new StationYaml.Local(orEnv(a, "mqtt-url", "YANGGUANG_GATEWAY_MQTT_URL"),
                a.get("password-file", "/etc/yangguang/gateway/mqtt.password"),
                a.get("buffer-dir", "/var/lib/yangguang/gateway/buffer"));
        String gateway = a.get("gateway", null);
        String target = a.get("out", null);
        a.requireNoOthers();
        String yaml;
        try {
            yaml = StationYaml.of(client.station(station), gateway, local);
        } catch (IOException e) {
            err.println("gateway config: " + e.getMessage());
            return 3;
        } catch (IllegalArgumentException e) {
            // the registry answered, but not with what a gateway can run: say what to fix there
            err.println("gateway config: " + e.getMessage());
            return 2;
        }
        Path dir = target == null ? Path.of(".") : Path.of(target).toAbsolutePath().getParent();
        try {
            Path check = Files.createTempFile(dir, ".station-", ".yaml");
            try {
                Files.writeString(check, yaml, StandardCharsets.UTF_8);
                GatewayConfig.load(check); // the gateway must be able to run what we write
                if (target == null) {
                    out.print(yaml);
                } else {
                    Files.move(check, Path.of(target), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    err.println("gateway config: wrote " + target + " for station " + station);
                }
            } finally {
                Files.deleteIfExists(check);
            }
        } catch (IOException e) {
            err.println("gateway config: cannot write " + (target == null ? "a check copy in " + dir : target) + ": " + e);
            return 3;
        }
        return 0;
    }
}
