package org.yangguang.collector.ingest;

import org.yangguang.collector.CollectorConfig;
import org.yangguang.contract.PemTls;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;

/**
 * The collector's TLS to the broker: trust from a PEM CA file (as the gateways get it) or a PKCS12/JKS trust
 * store, else the JVM's CAs; and a client certificate when the broker requires one. The files are read once, at
 * start: a renewed certificate needs a restart.
 */
final class BrokerTls {
    private BrokerTls() {
    }

    /** Null when nothing TLS-specific is configured: Paho then uses the JVM's defaults for ssl:// URLs. */
    static SSLSocketFactory socketFactory(CollectorConfig cfg) {
        if (cfg.mqttCa() == null && cfg.mqttTrustStore() == null && cfg.mqttCert() == null) {
            return null;
        }
        try {
            TrustManager[] trust = cfg.mqttCa() != null ? PemTls.trustManagers(cfg.mqttCa())
                    : cfg.mqttTrustStore() != null ? trustStore(cfg) : null;
            KeyManager[] keys = cfg.mqttCert() != null ? PemTls.keyManagers(cfg.mqttCert(), cfg.mqttKey()) : null;
            return PemTls.context(trust, keys).getSocketFactory();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MQTT TLS: " + e.getMessage(), e);
        }
    }

    private static TrustManager[] trustStore(CollectorConfig cfg) {
        try (InputStream in = Files.newInputStream(cfg.mqttTrustStore())) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            char[] password = cfg.mqttTrustStorePassword() == null ? null : cfg.mqttTrustStorePassword().toCharArray();
            ks.load(in, password);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return tmf.getTrustManagers();
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot load trust store " + cfg.mqttTrustStore() + ": " + e.getMessage(), e);
        }
    }
}
