package org.yangguang.collector.ingest;

import java.util.List;

/**
 * The connection that takes telemetry off the shared subscriptions with a persistent session and manual
 * acknowledgements: HiveMQ's MQTT client ({@link HiveMqReceiver}, the default) or Paho's ({@code --mqtt-client paho}).
 * It connects, subscribes again on every connect (Mosquitto 2.0 restores a persistent session after a restart but not
 * its shared subscriptions) and reconnects on its own until closed; {@link MqttIngest} owns everything else.
 */
interface TelemetryReceiver {
    /** Connects for the first time; the outcome and every later event go to the {@link Events} given at construction. */
    void connect();

    boolean isConnected();

    /** Sends the PUBACK of {@code d}; called on the ingest's acknowledgement thread, never on an event loop. */
    void ack(Delivery d);

    /** Disconnects (the session and its unacknowledged messages stay with the broker) and stops reconnecting. */
    void close();

    /** What a receiver reports; {@link #arrived} may block, which stops the receiver reading its socket. */
    interface Events {
        void arrived(Delivery d) throws InterruptedException;

        /** Connected and subscribed; {@code refused} lists the filters the broker refused (SUBACK ≥ 0x80). */
        void subscribed(boolean reconnect, String broker, List<String> refused);

        /** The first connect or subscribe failed: the collector does not start. */
        void failed(Throwable cause);

        void lost(String reason);
    }
}
