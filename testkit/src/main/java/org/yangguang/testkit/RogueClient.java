package org.yangguang.testkit;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A broker login used the way a careless or dishonest client would: it takes what it subscribes to (Paho acknowledges
 * every message) and stores nothing, or publishes what it should not. The fault tests and the soak both play it.
 */
public final class RogueClient implements AutoCloseable {
    private final MqttAsyncClient client;
    private final AtomicInteger received = new AtomicInteger();

    private RogueClient(MqttAsyncClient client) {
        this.client = client;
    }

    /** Logs in with the user's password under the given client id (a refused login throws). */
    public static RogueClient connect(String url, String user, String password, String clientId) throws MqttException {
        RogueClient rogue = new RogueClient(new MqttAsyncClient(url, clientId, new MemoryPersistence()));
        rogue.client.setCallback(rogue.new Taker());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(user);
        o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        rogue.client.connect(o).waitForCompletion(10_000);
        return rogue;
    }

    /** Subscribes at QoS 1 and answers the SUBACK's reason code (1 granted, 0x87 not authorized). */
    public int subscribe(String filter) throws MqttException {
        IMqttToken t = client.subscribe(filter, 1);
        t.waitForCompletion(10_000);
        return t.getReasonCodes()[0];
    }

    /**
     * Publishes at QoS 1 and waits for the broker's answer; a refusal or a dropped connection is what a locked broker
     * should do, so it is not an error here.
     */
    public void publishQuietly(String topic, byte[] payload) {
        try {
            MqttMessage m = new MqttMessage(payload);
            m.setQos(1);
            client.publish(topic, m).waitForCompletion(5_000);
        } catch (MqttException e) {
            // refused or disconnected by the broker
        }
    }

    /** Messages taken so far (each acknowledged to the broker, none stored). */
    public int received() {
        return received.get();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(5_000);
        }
        client.close();
    }

    private final class Taker implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage m) {
            received.incrementAndGet(); // acknowledged by Paho, stored nowhere
        }

        @Override
        public void disconnected(MqttDisconnectResponse r) {
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
        }

        @Override
        public void deliveryComplete(IMqttToken t) {
        }

        @Override
        public void connectComplete(boolean reconnect, String uri) {
        }

        @Override
        public void authPacketArrived(int code, MqttProperties p) {
        }
    }
}
