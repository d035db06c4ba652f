package org.yangguang.simulator.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.yangguang.simulator.config.SimulatorConfig;

class StationLifecycleTest {

    @Test
    void scheduledUpdatesFollowTheClock() throws Exception {
        try (SimulatedStation station = SimulatedStation.start(
                SimulatorConfig.defaults().withUpdateInterval(Duration.ofMillis(50)), Clock.systemUTC())) {
            Instant first = station.inverter(1).served().at();
            Instant deadline = Instant.now().plusSeconds(5);
            while (!station.inverter(1).served().at().isAfter(first) && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertThat(station.inverter(1).served().at()).isAfter(first);
        }
    }

    @Test
    void closeStopsListeningAndIsIdempotent() throws Exception {
        SimulatedStation station = SimulatedStation.start(SimulatorConfig.defaults(), Clock.systemUTC());
        int port = station.port();
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
        }
        station.close();
        station.close();
        assertThatThrownBy(() -> {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            }
        }).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> station.startUpdates(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
    }
}
