package org.yangguang.collector;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;

/** A QoS 1 publisher that waits for the broker's PUBACK of everything it sent (as a gateway does). */
final class Publisher implements AutoCloseable {
    private final MqttAsyncClient client;
    private final Semaphore window = new Semaphore(500);

    Publisher(String url) throws MqttException {
        this(url, new MqttConnectionOptions());
    }

    /** With credentials or TLS set in {@code o}. */
    Publisher(String url, MqttConnectionOptions o) throws MqttException {
        this(url, o, "pub-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** With credentials or TLS set in {@code o}, as {@code clientId} (a gateway's login is bound to its id). */
    Publisher(String url, MqttConnectionOptions o, String clientId) throws MqttException {
        client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        o.setCleanStart(true);
        client.connect(o).waitForCompletion(10_000);
    }

    void publish(String topic, byte[] payload) throws MqttException, InterruptedException {
        window.acquire();
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        client.publish(topic, m, null, new org.eclipse.paho.mqttv5.client.MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken asyncActionToken) {
                window.release();
            }

            @Override
            public void onFailure(IMqttToken asyncActionToken, Throwable exception) {
                window.release();
            }
        });
    }

    /** Blocks until every published message was acknowledged by the broker. */
    void flush() throws InterruptedException {
        window.acquire(500);
        window.release(500);
    }

    /** A subscriber that records what arrives on a topic filter. */
    static final class Recorder implements AutoCloseable {
        final List<String> topics = new ArrayList<>();
        final List<byte[]> payloads = new ArrayList<>();
        private final MqttAsyncClient client;

        Recorder(String url, String filter) throws MqttException {
            client = new MqttAsyncClient(url, "rec-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
            client.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
                public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) { }
                public void mqttErrorOccurred(MqttException e) { }
                public void messageArrived(String topic, MqttMessage message) {
                    synchronized (Recorder.this) {
                        topics.add(topic);
                        payloads.add(message.getPayload());
                    }
                }
                public void deliveryComplete(IMqttToken token) { }
                public void connectComplete(boolean reconnect, String serverURI) { }
                public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties properties) { }
            });
            client.connect().waitForCompletion(10_000);
            client.subscribe(filter, 1).waitForCompletion(10_000);
        }

        synchronized int size() {
            return topics.size();
        }

        synchronized String payload(int i) {
            return new String(payloads.get(i), java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws MqttException {
            client.disconnect().waitForCompletion(5000);
            client.close();
        }
    }

    @Override
    public void close() throws MqttException {
        client.disconnect().waitForCompletion(5000);
        client.close();
    }
}
