package org.yangguang.integration.faults;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.collector.Collector;
import org.yangguang.contract.Topics;
import org.yangguang.testkit.RogueClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The faults of issue #13, each on real servers and counted reading by reading, by (device, seq): what the gateway
 * polled and stored in its buffer against what InfluxDB holds once the gateway's buffer is receipted empty. Before
 * receipts a broker restart lost everything published until the collectors subscribed again, a SIGKILL what the broker
 * had taken since its last save, and a rogue member of the collectors' share its turn of every message; each now costs
 * a resend. Time is compressed: polls every 100 ms, a one-second receipt timeout, brokers down for seconds.
 */
class NothingLostTest {
    @Test
    void brokerStoppedWithSigtermUnderPollingLosesNoReading(@TempDir Path dir) throws Exception {
        try (FaultRig rig = new FaultRig(dir); Collector collector = rig.collector("c-sigterm")) {
            rig.gateway.startUplink();
            rig.startPolling();
            rig.pollFor(Duration.ofSeconds(2));
            rig.broker.stop();
            rig.pollFor(Duration.ofSeconds(3)); // buffered on the gateway
            rig.broker.restart(); // sessions come back, the collectors' shared subscription does not until they resubscribe
            rig.pollFor(Duration.ofSeconds(3));
            rig.stopPolling();
            rig.settle("broker SIGTERM", collector);
            assertThat(rig.lost()).isEmpty();
            assertThat(rig.produced()).isGreaterThan(100);
        }
    }

    @Test
    void brokerKilledWithSigkillUnderPollingLosesNoReading(@TempDir Path dir) throws Exception {
        try (FaultRig rig = new FaultRig(dir); Collector collector = rig.collector("c-sigkill")) {
            rig.gateway.startUplink();
            rig.startPolling();
            rig.pollFor(Duration.ofSeconds(2));
            rig.broker.kill(); // what it took since its last save is gone, PUBACKed or not
            rig.pollFor(Duration.ofSeconds(2));
            rig.broker.restart();
            rig.pollFor(Duration.ofSeconds(3));
            rig.stopPolling();
            rig.settle("broker SIGKILL", collector);
            assertThat(rig.lost()).isEmpty();
        }
    }

    @Test
    void rogueSharedSubscribersCostTimeNotReadings(@TempDir Path dir) throws Exception {
        try (FaultRig rig = new FaultRig(dir); Collector collector = rig.collector("c-rogue")) {
            String share = "$share/" + FaultRig.GROUP + "/" + Topics.TELEMETRY_BATCH_FILTER;
            // a login with read rights joins the collectors' share: it takes its turn of every message and stores nothing
            RogueClient thief = rogue(rig, "rogue-reader", "rogue-1");
            // the login of another station's gateway tries the same: the broker refuses the SUBSCRIBE itself
            RogueClient refused = rogue(rig, "rogue-gateway", "gw-other");
            try {
                assertThat(thief.subscribe(share)).isEqualTo(1);
                assertThat(refused.subscribe(share)).as("SUBACK: not authorized").isEqualTo(0x87);
                assertThat(refused.subscribe(Topics.TELEMETRY_BATCH_FILTER)).isEqualTo(0x87);
                rig.gateway.startUplink();
                rig.startPolling();
                rig.pollFor(Duration.ofSeconds(4));
                rig.stopPolling();
                FaultRig.await(() -> thief.received() > 5, Duration.ofSeconds(10), "the thief took its turns");
                rig.settle("rogue shared subscriber", collector);
            } finally {
                thief.close();
                refused.close();
            }
            assertThat(rig.lost()).isEmpty();
            assertThat(refused.received()).as("a login without read rights got nothing").isZero();
            assertThat(rig.gateway.uplink().resent()).as("what the thief took was sent again").isPositive();
        }
    }

    @Test
    void collectorKilledWithSigkillDuringAReplayLosesNoReading(@TempDir Path dir) throws Exception {
        try (FaultRig rig = new FaultRig(dir)) {
            Process first = rig.collectorProcess("c-killed", dir.resolve("first.log"));
            Process second = null;
            try {
                rig.startPolling();
                rig.pollFor(Duration.ofSeconds(3)); // a backlog: the gateway is not connected yet (a 4G outage)
                rig.gateway.startUplink(); // replays at 100 readings/s next to live data
                FaultRig.await(() -> rig.gateway.uplink().acked() > 30, Duration.ofSeconds(10), "the replay under way");
                first.destroyForcibly(); // SIGKILL: what it held unwritten stays with the broker in its session
                assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
                rig.pollFor(Duration.ofSeconds(1));
                second = rig.collectorProcess("c-killed", dir.resolve("second.log")); // the same session resumes
                rig.pollFor(Duration.ofSeconds(2));
                rig.stopPolling();
                rig.settle("collector kill -9 during a replay", null);
            } finally {
                first.destroyForcibly();
                if (second != null) {
                    second.destroy();
                    second.waitFor(20, TimeUnit.SECONDS);
                }
            }
            assertThat(rig.lost()).isEmpty();
        }
    }

    @Test
    void aGatewayReplayingWhileTheBrokerRestartsLosesNoReading(@TempDir Path dir) throws Exception {
        try (FaultRig rig = new FaultRig(dir); Collector collector = rig.collector("c-replay")) {
            rig.startPolling();
            rig.pollFor(Duration.ofSeconds(3)); // a backlog
            rig.gateway.startUplink();
            FaultRig.await(() -> rig.gateway.uplink().acked() > 30, Duration.ofSeconds(10), "the replay under way");
            rig.broker.stop();
            rig.pollFor(Duration.ofSeconds(1));
            rig.broker.restart();
            rig.pollFor(Duration.ofSeconds(2));
            rig.stopPolling();
            rig.settle("gateway replaying while the broker restarts", collector);
            assertThat(rig.lost()).isEmpty();
            assertThat(rig.gateway.uplink().connects()).isGreaterThanOrEqualTo(2);
        }
    }

    private static RogueClient rogue(FaultRig rig, String user, String clientId) throws MqttException {
        return RogueClient.connect(rig.broker.url(), user, FaultRig.USERS.get(user), clientId);
    }
}
