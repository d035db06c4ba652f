package org.yangguang.testkit;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void securedMosquittoHasBothListenersAndItsCertificatesAndKeepsThemAcrossARestart() throws Exception {
        try (MosquittoServer m = MosquittoServer.startSecured(BrokerSecurity.Options.users(Map.of("lin-baiwen-01", "pw")))) {
            assertThat(m.tlsUrl()).isEqualTo("ssl://127.0.0.1:" + m.tlsPort());
            assertThat(Files.readString(m.security().ca())).startsWith("-----BEGIN CERTIFICATE-----");
            assertThat(Files.readString(m.security().certificate("lin-baiwen-01"))).startsWith("-----BEGIN CERTIFICATE-----");
            // PKCS#8, the form Java (and the gateway's mqtt.tls.key) reads
            assertThat(Files.readString(m.security().key("lin-baiwen-01"))).startsWith("-----BEGIN PRIVATE KEY-----");
            assertThatThrownBy(() -> m.security().key("lin-yaotou-01")).hasMessageContaining("no lin-yaotou-01.key");
            m.security().password("lin-baiwen-01", "new");
            m.restart();
            assertThat(ServerProcess.accepts(m.port())).isTrue();
            assertThat(ServerProcess.accepts(m.tlsPort())).isTrue();
        }
        try (MosquittoServer plain = MosquittoServer.start()) {
            assertThatThrownBy(plain::tlsPort).hasMessageContaining("startSecured");
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
            // the name handed out, with this checkout's YANGGUANG_PG_DB_SUFFIX when set
            assertThat(rs.getString(1)).startsWith("yg_testkit_probe");
            assertThat(t.url()).contains("/" + rs.getString(1));
        }
    }
}
