package org.yangguang.contract;

import javax.net.SocketFactory;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Plain-TCP sockets whose input is buffered, for the Paho MQTT client ({@code setSocketFactory} with a
 * {@code tcp://} URL). Paho reads each packet's header a byte at a time straight from the socket (a read and,
 * with a timeout set, a poll system call per byte), which made its receiver thread the largest single CPU cost
 * of the collector: ~70 µs per 1 kB telemetry message (docs/performance.md). TLS sockets buffer by record
 * already and need none of this.
 */
public final class BufferedSocketFactory extends SocketFactory {
    private static final int BUFFER = 64 * 1024;
    private static final BufferedSocketFactory INSTANCE = new BufferedSocketFactory();

    public static SocketFactory get() {
        return INSTANCE;
    }

    @Override
    public Socket createSocket() {
        return new BufferedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private static Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket s = new BufferedSocket();
        if (local != null) {
            s.bind(local);
        }
        s.connect(remote);
        return s;
    }

    private static final class BufferedSocket extends Socket {
        private InputStream in;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new BufferedInputStream(super.getInputStream(), BUFFER);
            }
            return in;
        }
    }
}
