package org.yangguang.gateway.mqtt;

import org.yangguang.contract.PemTls;
import org.yangguang.gateway.config.ConfigException;
import org.yangguang.gateway.config.MqttConfig;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/** The gateway's {@code mqtt.tls} PEM files (CA, client certificate, PKCS#8 key) as an SSLSocketFactory. */
final class TlsSockets {
    private TlsSockets() {
    }

    static SSLSocketFactory from(MqttConfig.TlsConfig tls) {
        try {
            TrustManager[] trust = tls.ca() == null ? null : PemTls.trustManagers(tls.ca());
            KeyManager[] keys = tls.cert() != null && tls.key() != null ? PemTls.keyManagers(tls.cert(), tls.key()) : null;
            return PemTls.context(trust, keys).getSocketFactory();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("mqtt.tls: " + e.getMessage());
        }
    }
}
