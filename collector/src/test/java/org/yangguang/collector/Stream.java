package org.yangguang.collector;

import org.yangguang.contract.Topics;

/** A steady stream of distinct readings (10 inverters, one reading per device per second of poll time). */
final class Stream {
    static final int DEVICES = 10;

    private Stream() {
    }

    /** Publishes messages [from, to) with poll times counting back from {@code t0}, pausing to spread them over time. */
    static void publish(Publisher pub, String station, long t0, int from, int to, int perPause, long pauseMs) throws Exception {
        for (int i = from; i < to; i++) {
            String device = "inv-" + (i % DEVICES);
            long ts = t0 - (i / DEVICES) * 1000L;
            pub.publish(Topics.telemetry(station, device),
                    Telemetries.bytes(Telemetries.inverter(station, device, ts, i, 1000 + i, 5_000_000 + i)));
            if (perPause > 0 && (i + 1) % perPause == 0) {
                Thread.sleep(pauseMs);
            }
        }
        pub.flush();
    }
}
