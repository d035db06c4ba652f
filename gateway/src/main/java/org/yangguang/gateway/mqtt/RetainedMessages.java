package org.yangguang.gateway.mqtt;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Retained messages beside the telemetry (the devices' nameplates): the latest per topic, published once when it
 * changes and again after every connect. They do not go through the disk buffer: only the latest matters, and the
 * gateway keeps that itself.
 */
final class RetainedMessages {
    private final Map<String, byte[]> latest = new LinkedHashMap<>();
    private final Set<String> unsent = new LinkedHashSet<>();

    synchronized void put(String topic, byte[] payload) {
        latest.put(topic, payload);
        unsent.add(topic);
    }

    /** After a connect: the broker may have missed any of them while the link was down. */
    synchronized void resendAll() {
        unsent.addAll(latest.keySet());
    }

    synchronized boolean pending() {
        return !unsent.isEmpty();
    }

    /** Hands every unsent message to the client (QoS 1, retained); a failure leaves it for the next connect. */
    void publish(MqttAsyncClient client) throws MqttException {
        while (true) {
            String topic;
            byte[] payload;
            synchronized (this) {
                if (unsent.isEmpty()) {
                    return;
                }
                topic = unsent.iterator().next();
                payload = latest.get(topic);
            }
            client.publish(topic, payload, 1, true);
            synchronized (this) {
                if (latest.get(topic) == payload) {
                    unsent.remove(topic);
                }
            }
        }
    }
}
