package org.yangguang.gateway.config;

import java.time.Duration;

/**
 * @param tls            null for plain TCP; with tls the url is ssl://host:8883
 * @param replayRate     readings per second replayed from the buffer after an outage (live data is not limited)
 * @param maxInflight    readings awaiting PUBACK at once
 * @param linger         how long a live reading may wait so that it goes out in one burst with those polled just
 *                       after it: each burst costs the uplink, the MQTT client's threads and the broker one
 *                       wake-up instead of one per reading (the reading is on disk meanwhile)
 * @param maxBatch       readings of one device in one message at most (contract v2); a burst or a replay sends
 *                       each device's readings in as few messages as this allows
 * @param receiptTimeout a reading the broker took (PUBACK) but no collector has receipted within this is sent again,
 *                       at the replay rate: the broker may have lost it (restarted, killed, a rogue subscriber took
 *                       it). Doubles, up to {@link #MAX_RECEIPT_TIMEOUT_FACTOR} times, while no receipt comes at all
 *                       (collectors or InfluxDB down: the broker keeps the messages, resending them only adds copies)
 */
public record MqttConfig(String url, String username, String password, TlsConfig tls, String clientId,
                         int replayRate, int maxInflight, Duration maxReconnectDelay, Duration linger, int maxBatch,
                         Duration receiptTimeout) {
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(20);
    public static final int DEFAULT_MAX_BATCH = 100;
    /** Long enough for a collector's write batching and its receipt, short enough that a lost reading is back soon. */
    public static final Duration DEFAULT_RECEIPT_TIMEOUT = Duration.ofSeconds(30);
    public static final int MAX_RECEIPT_TIMEOUT_FACTOR = 16;

    public MqttConfig(String url, String username, String password, TlsConfig tls, String clientId,
                      int replayRate, int maxInflight, Duration maxReconnectDelay, Duration linger, int maxBatch) {
        this(url, username, password, tls, clientId, replayRate, maxInflight, maxReconnectDelay, linger, maxBatch,
                DEFAULT_RECEIPT_TIMEOUT);
    }

    public MqttConfig(String url, String username, String password, TlsConfig tls, String clientId,
                      int replayRate, int maxInflight, Duration maxReconnectDelay, Duration linger) {
        this(url, username, password, tls, clientId, replayRate, maxInflight, maxReconnectDelay, linger, DEFAULT_MAX_BATCH);
    }

    public MqttConfig(String url, String username, String password, TlsConfig tls, String clientId,
                      int replayRate, int maxInflight, Duration maxReconnectDelay) {
        this(url, username, password, tls, clientId, replayRate, maxInflight, maxReconnectDelay, DEFAULT_LINGER);
    }

    public MqttConfig {
        if (linger == null || linger.isNegative() || linger.compareTo(Duration.ofSeconds(5)) > 0) {
            throw new ConfigException("mqtt.linger must be between 0 and 5s, was " + linger);
        }
        if (url == null || url.isBlank()) {
            throw new ConfigException("mqtt.url is required, e.g. tcp://broker:1883");
        }
        if (replayRate < 1) {
            throw new ConfigException("mqtt.replayRate must be >= 1, was " + replayRate);
        }
        if (maxInflight < 1) {
            throw new ConfigException("mqtt.maxInflight must be >= 1, was " + maxInflight);
        }
        if (maxBatch < 1 || maxBatch > 1000) {
            throw new ConfigException("mqtt.maxBatch must be between 1 and 1000 readings, was " + maxBatch);
        }
        if (receiptTimeout == null || receiptTimeout.compareTo(Duration.ofMillis(100)) < 0
                || receiptTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigException("mqtt.receiptTimeout must be between 100ms and 1h, was " + receiptTimeout);
        }
    }

    /** The same settings with another receipt timeout (tests compress time with it). */
    public MqttConfig withReceiptTimeout(Duration timeout) {
        return new MqttConfig(url, username, password, tls, clientId, replayRate, maxInflight, maxReconnectDelay, linger,
                maxBatch, timeout);
    }

    /** The record's, with the password masked: a configuration may end up in a log. */
    @Override
    public String toString() {
        return "MqttConfig[url=" + url + ", username=" + username + ", password=" + (password == null ? null : "***")
                + ", tls=" + tls + ", clientId=" + clientId + ", replayRate=" + replayRate + ", maxInflight="
                + maxInflight + ", maxReconnectDelay=" + maxReconnectDelay + ", linger=" + linger + ", maxBatch=" + maxBatch
                + ", receiptTimeout=" + receiptTimeout + "]";
    }

    public static MqttConfig of(String url, String clientId) {
        return new MqttConfig(url, null, null, null, clientId, 200, 100, Duration.ofSeconds(60));
    }

    /**
     * CA (PEM; null trusts the JVM's default CAs) and client certificate (PEM) with its PKCS#8 key for TLS; cert
     * and key are both null when the broker does not ask for a client certificate.
     */
    public record TlsConfig(java.nio.file.Path ca, java.nio.file.Path cert, java.nio.file.Path key) {
        public TlsConfig {
            if ((cert == null) != (key == null)) {
                throw new ConfigException("'cert' and 'key' go together: the client certificate and its private key");
            }
        }
    }
}
