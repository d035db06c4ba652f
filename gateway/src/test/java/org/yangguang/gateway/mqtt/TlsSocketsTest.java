package org.yangguang.gateway.mqtt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.gateway.config.ConfigException;
import org.yangguang.gateway.config.MqttConfig;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gateway's TLS client setup from PEM files as a broker operator hands them out (CA, client certificate,
 * PKCS#8 key, made here with openssl), against a TLS server that requires a client certificate.
 */
class TlsSocketsTest {
    private static void openssl(Path dir, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
    }

    private static void certificate(Path dir, String name, String cn) throws Exception {
        openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + cn);
        Files.writeString(dir.resolve(name + ".ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        openssl(dir, "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext");
    }

    @Test
    void clientCertificateFromPemFilesIsAcceptedByAServerThatRequiresOne(@TempDir Path dir) throws Exception {
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                "-subj", "/CN=yangguang-test-ca");
        certificate(dir, "server", "localhost");
        certificate(dir, "client", "gw-baiwen-01");
        openssl(dir, "pkcs12", "-export", "-in", "server.pem", "-inkey", "server.key", "-out", "server.p12", "-passout", "pass:pw");

        KeyStore serverKeys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            serverKeys.load(in, "pw".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(serverKeys, "pw".toCharArray());
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        for (Certificate c : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("ca.pem"))))) {
            trust.setCertificateEntry("ca", c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);

        try (SSLServerSocket ss = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getLoopbackAddress())) {
            ss.setNeedClientAuth(true);
            CompletableFuture<String> peer = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) ss.accept()) {
                    s.startHandshake();
                    return s.getSession().getPeerPrincipal().getName();
                } catch (Exception e) {
                    return "failed: " + e;
                }
            });
            MqttConfig.TlsConfig tls = new MqttConfig.TlsConfig(dir.resolve("ca.pem"), dir.resolve("client.pem"),
                    dir.resolve("client.key"));
            try (SSLSocket s = (SSLSocket) TlsSockets.from(tls).createSocket("127.0.0.1", ss.getLocalPort())) {
                s.startHandshake();
                assertThat(s.getSession().getPeerPrincipal().getName()).isEqualTo("CN=localhost");
            }
            assertThat(peer.get(20, TimeUnit.SECONDS)).isEqualTo("CN=gw-baiwen-01");
        }
    }

    @Test
    void aTraditionalRsaKeyIsRejectedWithTheCommandThatConvertsIt(@TempDir Path dir) throws Exception {
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                "-subj", "/CN=yangguang-test-ca");
        openssl(dir, "rsa", "-in", "ca.key", "-traditional", "-out", "rsa.key");
        assertThatThrownBy(() -> TlsSockets.from(new MqttConfig.TlsConfig(dir.resolve("ca.pem"), dir.resolve("ca.pem"),
                dir.resolve("rsa.key")))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("need a PKCS#8 key").hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }
}
