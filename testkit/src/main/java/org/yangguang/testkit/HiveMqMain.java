package org.yangguang.testkit;

import com.hivemq.embedded.EmbeddedHiveMQ;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code HiveMqMain --dir D --port P}: HiveMQ CE embedded in a JVM of its own ({@link HiveMqServer} starts it), with
 * its configuration from {@link ServerConfigs#hivemq} in {@code D/conf}, its data in {@code D/data}. A JVM of its
 * own because HiveMQ brings 56 jars and its own logging; SIGTERM stops it cleanly, SIGKILL as a power cut would.
 */
public final class HiveMqMain {
    private HiveMqMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4 || !args[0].equals("--dir") || !args[2].equals("--port")) {
            System.err.println("usage: HiveMqMain --dir D --port P");
            System.exit(2);
        }
        Path dir = Path.of(args[1]).toAbsolutePath();
        int port = Integer.parseInt(args[3]);
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("config.xml"), ServerConfigs.hivemq(port));
        // HiveMQ refuses to start without an existing data folder (NoSuchFileException on data.lock)
        Path data = Files.createDirectories(dir.resolve("data"));
        Path extensions = Files.createDirectories(dir.resolve("extensions"));
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder().withConfigurationFolder(conf).withDataFolder(data)
                .withExtensionsFolder(extensions).build();
        hivemq.start().join();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> hivemq.stop().join(), "hivemq-stop"));
        System.out.println("HIVEMQ READY port=" + port);
        Thread.currentThread().join();
    }
}
