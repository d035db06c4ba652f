package org.yangguang.collector.ingest;

import org.yangguang.collector.CollectorConfig;
import org.yangguang.contract.PemTls;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;
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

    /**
     * The trust and key managers read from the configured files; null when nothing TLS-specific is configured (the
     * JVM's defaults then apply to ssl:// URLs). A null array inside means the JVM's default for that half.
     */
    record Material(TrustManager[] trust, KeyManager[] keys) {
        SSLSocketFactory socketFactory() {
            return PemTls.context(trust, keys).getSocketFactory();
        }

        /** For clients configured with factories (HiveMQ's): one that hands out these managers, or null for the default. */
        TrustManagerFactory trustFactory() {
            return trust == null ? null : new TrustManagerFactory(new TrustManagerFactorySpi() {
                @Override
                protected void engineInit(KeyStore ks) {
                }

                @Override
                protected void engineInit(ManagerFactoryParameters spec) {
                }

                @Override
                protected TrustManager[] engineGetTrustManagers() {
                    return trust.clone();
                }
            }, null, "yangguang-pem") {
            };
        }

        KeyManagerFactory keyFactory() {
            return keys == null ? null : new KeyManagerFactory(new KeyManagerFactorySpi() {
                @Override
                protected void engineInit(KeyStore ks, char[] password) {
                }

                @Override
                protected void engineInit(ManagerFactoryParameters spec) {
                }

                @Override
                protected KeyManager[] engineGetKeyManagers() {
                    return keys.clone();
                }
            }, null, "yangguang-pem") {
            };
        }
    }

    /** Reads the configured files once; unreadable ones fail here, before any connect. */
    static Material material(CollectorConfig cfg) {
        if (cfg.mqttCa() == null && cfg.mqttTrustStore() == null && cfg.mqttCert() == null) {
            return null;
        }
        try {
            TrustManager[] trust = cfg.mqttCa() != null ? PemTls.trustManagers(cfg.mqttCa())
                    : cfg.mqttTrustStore() != null ? trustStore(cfg) : null;
            KeyManager[] keys = cfg.mqttCert() != null ? PemTls.keyManagers(cfg.mqttCert(), cfg.mqttKey()) : null;
            PemTls.context(trust, keys); // a key that does not fit its certificate fails now, not at the first connect
            return new Material(trust, keys);
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
