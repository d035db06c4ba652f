package org.yangguang.gateway.modbus;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Why a link could not be opened, in the words a field engineer acts on: a refused TCP connection means nothing
 * listens on that port; a connect timeout means something drops the packets; a serial port that does not exist is
 * an unplugged adapter, one that exists but cannot be opened is held by another program or not permitted.
 */
public final class LinkProblem {
    private LinkProblem() {
    }

    /** Why connecting to {@code host:port} failed with {@code e} (or one of its causes). */
    public static String tcp(String host, int port, Duration timeout, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof ConnectException && m.contains("refused")) {
                return "connection refused: nothing listens on " + host + ":" + port
                        + " (wrong port, or the logger's Modbus TCP server is off)";
            }
            if (t instanceof NoRouteToHostException || m.contains("No route to host")) {
                return "no route to host " + host + " (wrong address, or this machine's network does not reach it)";
            }
            if (t instanceof SocketTimeoutException || m.contains("timed out")) {
                return "no answer to the connection from " + host + ":" + port + " within " + timeout.toMillis()
                        + " ms (a firewall drops it, the address is wrong, or the logger is off)";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + host + " (check the name, or use the logger's IP address)";
            }
            if (t instanceof PortUnreachableException || m.contains("Network is unreachable")) {
                return "network unreachable for " + host + " (no route from this machine)";
            }
        }
        return "cannot connect to " + host + ":" + port + ": " + e;
    }

    /** Why opening serial port {@code port} failed with {@code e}. */
    public static String serial(String port, Throwable e) {
        Path p = Path.of(port);
        if (!Files.exists(p)) {
            return "serial port " + port + " does not exist (is the USB-RS485 adapter plugged in? see ls /dev/ttyUSB* /dev/ttyS*)";
        }
        if (!Files.isReadable(p) || !Files.isWritable(p)) {
            return "no permission to open serial port " + port + " (add this user to the dialout group)";
        }
        return "serial port " + port + " exists but cannot be opened: busy (another program holds it?) or not a serial "
                + "device (" + e + ")";
    }
}
