package org.yangguang.collector.alarm;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Why an alarm was raised or cleared, as a stable code with its parameters and an English sentence. The sentence is
 * for logs and Grafana; the console says the code in the user's language with the parameters filled in (issue 14:
 * {@code 0 % of its peers' median output per kWp} inside a Chinese page). Codes are listed in {@link Code}; the
 * console's i18n.js translates each (checked by the integration tests).
 */
public record AlarmDetail(Code code, Map<String, String> params, String text) {
    /** Every detail an alarm can carry. Names are the wire form in lower case. */
    public enum Code {
        FAULT_CODE, FAULT_CLEARED, EVENT_FLAGS, EVENTS_CLEARED, NO_OUTPUT_IN_SUN, PRODUCING_AGAIN, PEER_RATIO,
        BACK_IN_LINE, GATEWAY_LAST_WILL, GATEWAY_ONLINE, NO_DATA, REPORTING_AGAIN, READINGS_MISSING, READINGS_ACCOUNTED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public AlarmDetail {
        params = Map.copyOf(params);
    }

    static AlarmDetail of(Code code, String text) {
        return new AlarmDetail(code, Map.of(), text);
    }

    static AlarmDetail fault(int number, String name, String text) {
        return new AlarmDetail(Code.FAULT_CODE, name == null ? Map.of("code", Integer.toString(number))
                : Map.of("code", Integer.toString(number), "name", name), text);
    }

    static AlarmDetail events(String flags) {
        return new AlarmDetail(Code.EVENT_FLAGS, Map.of("flags", flags), "event flags " + flags);
    }

    static AlarmDetail noOutputInSun(double elevationDeg) {
        String deg = String.format(Locale.ROOT, "%.0f", elevationDeg);
        return new AlarmDetail(Code.NO_OUTPUT_IN_SUN, Map.of("elevation", deg),
                "no AC output with the sun " + deg + "° above the horizon");
    }

    static AlarmDetail peerRatio(double ratio) {
        String percent = String.format(Locale.ROOT, "%.0f", ratio * 100);
        return new AlarmDetail(Code.PEER_RATIO, Map.of("percent", percent),
                percent + " % of its peers' median output per kWp");
    }

    static AlarmDetail lastWill(String gateway) {
        return new AlarmDetail(Code.GATEWAY_LAST_WILL, Map.of("gateway", gateway),
                "gateway " + gateway + " lost its MQTT connection (last will): its devices are not being read");
    }

    static AlarmDetail noData(long seconds, long lastOkMillis) {
        return new AlarmDetail(Code.NO_DATA, Map.of("seconds", Long.toString(seconds), "last", Long.toString(lastOkMillis)),
                "no data for " + seconds + " s (" + seconds + " s = the configured poll cycles); last reading "
                        + Instant.ofEpochMilli(lastOkMillis));
    }

    static AlarmDetail readings(Code code, String gateway, String text) {
        return new AlarmDetail(code, Map.of("gateway", gateway), text);
    }
}
