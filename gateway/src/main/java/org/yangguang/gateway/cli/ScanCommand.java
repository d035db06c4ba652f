package org.yangguang.gateway.cli;

import java.io.PrintStream;

/** {@code gateway scan}: finds SunSpec and known vendor devices and prints a config snippet. */
public final class ScanCommand {
    private ScanCommand() {
    }

    public static int run(Args a, PrintStream out) {
        throw new IllegalArgumentException("scan is not implemented yet");
    }
}
