package org.yangguang.testkit;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

class ServersTest {
    @Test
    void mosquittoStopsAndComesBackOnTheSamePort() {
        try (MosquittoServer m = MosquittoServer.start()) {
            assertThat(ServerProcess.accepts(m.port())).isTrue();
            m.kill();
            assertThat(ServerProcess.accepts(m.port())).isFalse();
            m.restart();
            assertThat(ServerProcess.accepts(m.port())).isTrue();
        }
    }

    @Test
    void influxAnswersPingAndStopsAnsweringWhenStopped() {
        try (InfluxServer i = InfluxServer.start()) {
            assertThat(InfluxServer.ping(i.url())).isTrue();
            i.stop();
            assertThat(InfluxServer.ping(i.url())).isFalse();
            i.restart();
            assertThat(InfluxServer.ping(i.url())).isTrue();
        }
    }

    @Test
    void freshPostgresDatabaseIsEmptyAndReachable() throws Exception {
        JdbcTarget t = Services.freshPostgresDatabase("yg_testkit_probe");
        try (Connection c = DriverManager.getConnection(t.url(), t.user(), t.password());
             ResultSet rs = c.createStatement().executeQuery("select current_database()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("yg_testkit_probe");
        }
    }
}
