package org.yangguang.collector.log;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's log stays readable whatever floods in: a line per state change, first few then a count. */
class OperatorLogTest {
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("operator-log-test-" + UUID.randomUUID());
    private Instant now = Instant.parse("2026-11-23T02:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private OperatorLog log;

    @BeforeEach
    void attach() {
        lines.start();
        logger.addAppender(lines);
        logger.setAdditive(false);
        log = new OperatorLog(logger, clock);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
    }

    @Test
    void twentyThousandMalformedPayloadsAreAFewLinesAndACount() {
        for (int i = 0; i < 20_000; i++) {
            log.deadLetter("not_json", "yangguang/v1/telemetry/s/d: payload " + i + " is not JSON");
        }
        log.deadLetter("clock_skew", "one reading from the future");
        now = now.plusSeconds(60);
        log.summarize();

        assertThat(lines.list).hasSizeLessThanOrEqualTo(OperatorLog.FIRST_PER_INTERVAL + 2);
        List<ILoggingEvent> notJson = byReason("not_json");
        assertThat(notJson).hasSize(OperatorLog.FIRST_PER_INTERVAL + 1);
        assertThat(notJson.get(0).getFormattedMessage()).isEqualTo("dead letter not_json: yangguang/v1/telemetry/s/d: payload 0 is not JSON");
        ILoggingEvent summary = notJson.get(notJson.size() - 1);
        assertThat(keys(summary)).containsEntry("event", "dead_letter_summary").containsEntry("count", "19995")
                .containsEntry("total", "20000");
        assertThat(summary.getFormattedMessage()).isEqualTo("19995 dead letters (not_json) more in the last 1 min 0 s not logged one by one; 20000 since start");
        assertThat(byReason("clock_skew")).hasSize(1);

        // a new interval: the next ones are logged again, and a quiet kind writes no summary
        lines.list.clear();
        log.deadLetter("not_json", "payload 20000");
        log.summarize();
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("dead letter not_json: payload 20000");
    }

    @Test
    void aConditionIsOneLineWhenItStartsAndOneWhenItEnds() {
        for (int i = 0; i < 1000; i++) {
            log.influxFailing("connection refused");
        }
        now = now.plusSeconds(192);
        log.influxWriting();
        log.influxWriting();
        assertThat(lines.list).extracting(e -> keys(e).get("event")).containsExactly("influxdb_down_on", "influxdb_down_off");
        assertThat(lines.list.get(0).getFormattedMessage()).startsWith("InfluxDB write failing (connection refused)");
        assertThat(lines.list.get(1).getFormattedMessage()).isEqualTo("InfluxDB writing again (after 3 min 12 s)");
        assertThat(keys(lines.list.get(1))).containsEntry("duration_ms", "192000");
    }

    @Test
    void backPressureHasHysteresis() {
        long max = 100;
        long bytes = 64L << 20;
        log.inFlight(10, max, 0, bytes);
        log.inFlight(100, max, 0, bytes);          // the message limit: on
        log.inFlight(99, max, 0, bytes);
        log.inFlight(60, max, 0, bytes);           // still above half: no line
        log.inFlight(50, max, 0, bytes);           // half: off
        log.inFlight(3, max, bytes * 95 / 100, bytes); // the byte budget nearly used: on again
        assertThat(lines.list).extracting(e -> keys(e).get("event"))
                .containsExactly("backpressure_on", "backpressure_off", "backpressure_on");
        assertThat(lines.list.get(0).getFormattedMessage()).contains("100 of 100 messages", "the broker holds the rest");
        assertThat(log.backPressureOn()).isTrue();
    }

    private List<ILoggingEvent> byReason(String reason) {
        return lines.list.stream().filter(e -> reason.equals(keys(e).get("reason"))).toList();
    }

    private static Map<String, String> keys(ILoggingEvent e) {
        List<KeyValuePair> kv = e.getKeyValuePairs() == null ? List.of() : e.getKeyValuePairs();
        return kv.stream().collect(Collectors.toMap(p -> p.key, p -> String.valueOf(p.value)));
    }
}
