package org.yangguang.distribution;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.demo.DemoSeed;
import org.yangguang.distribution.registry.Owners;
import org.yangguang.distribution.registry.Registry;
import org.yangguang.distribution.registry.ShareInput;
import org.yangguang.distribution.registry.ShareSetRequest;
import org.yangguang.distribution.registry.Station;
import org.yangguang.distribution.registry.StationKind;
import org.yangguang.distribution.registry.VillageShare;
import org.yangguang.distribution.revenue.RevenueReport;
import org.yangguang.distribution.telemetry.EnergyReading;
import org.yangguang.distribution.tariff.TariffService;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Migrations, demo seed, share rules, tariffs and the revenue endpoint, run once on H2 and once on PostgreSQL
 * (subclasses), with telemetry in a real InfluxDB.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatabaseSuite {
    static final Instant DAY = Instant.parse("2026-10-31T16:00:00Z");          // 2026-11-01 00:00 +08:00
    static final Instant NEXT_DAY = DAY.plus(Duration.ofDays(1));

    DistributionApp app;

    abstract SharedApps.Db db();

    @BeforeAll
    void start() {
        // lin-baiwen-01: three inverters, 1,234,567 Wh in the day; lin-central-01: 100,000 kWh
        SharedApps.influx().inverter("lin-baiwen-01", "inv-01", DAY.minusSeconds(600), 10_000_000)
                .inverter("lin-baiwen-01", "inv-01", NEXT_DAY.minusSeconds(600), 10_500_000)
                .inverter("lin-baiwen-01", "inv-02", DAY.minusSeconds(600), 20_000_000)
                .inverter("lin-baiwen-01", "inv-02", NEXT_DAY.minusSeconds(600), 20_400_000)
                .inverter("lin-baiwen-01", "inv-03", DAY.plusSeconds(3600), 30_000_000)
                .inverter("lin-baiwen-01", "inv-03", NEXT_DAY.minusSeconds(60), 30_334_567)
                .inverter("lin-central-01", "inv-01", DAY, 0)
                .inverter("lin-central-01", "inv-01", NEXT_DAY, 100_000_000)
                .flush();
        app = SharedApps.app(db());
    }

    @Test
    void migrationsApplied() throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(app.bean(DataSource.class)).getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(CASE WHEN success THEN 1 ELSE 0 END) "
                     + "FROM flyway_schema_history WHERE version IS NOT NULL")) {
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(1);
            assertThat(rs.getInt(2)).isEqualTo(rs.getInt(1));
        }
    }

    @Test
    void demoRegistryIsSeededOnce() {
        Registry registry = app.bean(Registry.class);
        long county = registry.county("lin").orElseThrow().id();
        assertThat(registry.townships(county)).hasSize(7);
        assertThat(registry.village("lin-yaotou").orElseThrow().name()).isEqualTo("曜头村");
        Station joint = registry.station(DemoSeed.JOINT_STATION).orElseThrow();
        assertThat(joint.kind()).isEqualTo(StationKind.JOINT);
        assertThat(joint.capacityKwp()).isEqualByComparingTo("300");
        List<Owners.Owner> owners = registry.ownersOn(joint, LocalDate.of(2026, 11, 1));
        assertThat(owners).extracting(Owners.Owner::code, Owners.Owner::parts)
                .containsExactly(tuple("lin-yaotou", 40_000_000L), tuple("lin-fanjiagou", 35_000_000L),
                        tuple("lin-xingshengshan", 25_000_000L));
        int stations = registry.stations(county).size();
        app.bean(DemoSeed.class).seed();
        assertThat(registry.stations(county)).hasSize(stations);
        assertThat(registry.stations(county)).extracting(Station::code).filteredOn(c -> c.startsWith("lin-"))
                .containsExactly("lin-baiwen-01", "lin-central-01", "lin-wangjiayu-01");
    }

    @Test
    void tariffComesFromConfigurationByBatchZoneAndDate() {
        Station joint = app.bean(Registry.class).station(DemoSeed.JOINT_STATION).orElseThrow();
        TariffService tariffs = app.bean(TariffService.class);
        assertThat(tariffs.inForce(joint, LocalDate.of(2026, 11, 1)).yuanPerKwh()).isEqualByComparingTo("0.8500");
        assertThat(tariffs.inForce(joint, LocalDate.of(2026, 11, 1)).yuanPerKwh().scale()).isEqualTo(4);
        assertThatThrownBy(() -> tariffs.inForce(joint, LocalDate.of(2016, 12, 31)))
                .isInstanceOf(ApiException.class).hasMessageContaining("no tariff for batch poverty-2017 zone III");
    }

    @Test
    void shareRulesAreEnforcedWithClearErrors() {
        Registry registry = app.bean(Registry.class);
        Station station = registry.createStation(new Station(null, "t-joint-rules", "test joint",
                StationKind.JOINT, registry.county("lin").orElseThrow().id(),
                new BigDecimal("100"), LocalDate.of(2020, 1, 1), "poverty-2017", "III", new BigDecimal("100")));
        LocalDate from = LocalDate.of(2020, 1, 1);

        assertThat(refusal(() -> record("t-joint-rules", from, List.of(
                new ShareInput("lin-shangchengzhuang", new BigDecimal("60")),
                new ShareInput("lin-houliujiazhuang", new BigDecimal("40.000001"))))))
                .isEqualTo("share_total_exceeds_100|shares|shares of station t-joint-rules from 2020-01-01 add up to "
                        + "100.000001 %, more than 100 %");
        assertThat(refusal(() -> record("t-joint-rules", from, List.of(
                new ShareInput("lin-shangchengzhuang", new BigDecimal("-1"))))))
                .startsWith("share_negative|shares[0].percent|");
        assertThat(refusal(() -> record("t-joint-rules", from, List.of(
                new ShareInput("lin-shangchengzhuang", new BigDecimal("10")), new ShareInput("lin-shangchengzhuang", new BigDecimal("10"))))))
                .startsWith("share_duplicate_village|shares[1].village|");
        assertThat(refusal(() -> record("t-joint-rules", from, List.of(
                new ShareInput("nowhere", new BigDecimal("10"))))))
                .startsWith("unknown_village|shares[0].village|");
        assertThat(refusal(() -> record("t-joint-rules", from, List.of(
                new ShareInput("lin-shangchengzhuang", new BigDecimal("10.0000001"))))))
                .startsWith("share_precision|shares[0].percent|");
        assertThat(refusal(() -> record(DemoSeed.CENTRAL_STATION, from, List.of(
                new ShareInput("lin-shangchengzhuang", new BigDecimal("10"))))))
                .startsWith("shares_not_applicable|shares|");
        assertThat(refusal(() -> record(DemoSeed.VILLAGE_STATION, from, List.of(
                new ShareInput("lin-shangchengzhuang", new BigDecimal("50")), new ShareInput("lin-houliujiazhuang", new BigDecimal("50"))))))
                .startsWith("village_station_single_owner|shares|");
        // exact parts: two of three villages a third each, the third third to a partner; parts above the whole
        assertThat(refusal(() -> registry.recordShares("test", station, new ShareSetRequest(from, List.of(
                new ShareInput("lin-shangchengzhuang", null, 2L), new ShareInput("lin-houliujiazhuang", null, 2L)), 3L, "r"), false)))
                .isEqualTo("share_total_exceeds_100|shares|shares of station t-joint-rules from 2020-01-01 add up to "
                        + "4 of 3 parts");
        assertThat(refusal(() -> registry.recordShares("test", station, new ShareSetRequest(from, List.of(
                new ShareInput("lin-shangchengzhuang", null, 1L)), null, "r"), false))).startsWith("bad_whole|whole|");
        assertThat(registry.shareHistory(station.id())).isEmpty();

        // exactly 100 % and less than 100 % are both fine; history is kept, the latest set on a date wins
        record("t-joint-rules", from, List.of(new ShareInput("lin-shangchengzhuang", new BigDecimal("60")),
                new ShareInput("lin-houliujiazhuang", new BigDecimal("40"))));
        registry.recordShares("test", station, new ShareSetRequest(LocalDate.of(2021, 1, 1), List.of(
                new ShareInput("lin-shangchengzhuang", null, 1L), new ShareInput("lin-houliujiazhuang", null, 1L)), 3L, "thirds"),
                false);
        assertThat(refusal(() -> record("t-joint-rules", from, List.of(
                new ShareInput("lin-shangchengzhuang", new BigDecimal("1"))))))
                .startsWith("share_set_exists|effectiveFrom|");
        assertThat(registry.ownersOn(station, LocalDate.of(2019, 12, 31))).isEmpty();
        assertThat(registry.ownersOn(station, LocalDate.of(2020, 12, 31))).hasSize(2);
        assertThat(registry.ownership(station, LocalDate.of(2021, 1, 1), LocalDate.of(2021, 1, 1)).get(0))
                .extracting(Owners::whole, o -> o.parts()).containsExactly(3L, List.of(1L, 1L));
        assertThat(registry.shareHistory(station.id())).extracting(s -> s.sharePercent().toPlainString())
                .containsExactly("60.000000", "40.000000", "33.333333", "33.333333");
    }

    @Test
    void revenueOfTheJointStationOverHttp() {
        RevenueReport r = app.get("/api/stations/lin-baiwen-01/revenue?from=2026-11-01T00:00:00%2B08:00"
                + "&to=2026-11-02T00:00:00%2B08:00", RevenueReport.class);
        // 500,000 + 400,000 + 334,567 Wh = 1,234.567 kWh x 0.85 = 104,938.195 fen -> 104,938;
        // 40/35/25 % -> 41,975.2 / 36,728.3 / 26,234.5 -> the spare fen to 兴盛山村 (largest remainder)
        assertThat(r.station()).isEqualTo("lin-baiwen-01");
        assertThat(r.from()).isEqualTo("2026-10-31T16:00:00Z");
        assertThat(r.energyWh()).isEqualTo(1_234_567);
        assertThat(r.energyKwh()).isEqualByComparingTo("1234.567");
        assertThat(r.tariffYuanPerKwh()).isEqualByComparingTo("0.85");
        assertThat(r.grossFen()).isEqualTo(104_938);
        assertThat(r.villages()).extracting(v -> v.village(), v -> v.name(), v -> v.revenueFen())
                .containsExactly(tuple("lin-yaotou", "曜头村", 41_975L), tuple("lin-fanjiagou", "樊家沟村", 36_728L),
                        tuple("lin-xingshengshan", "兴盛山村", 26_235L));
        assertThat(r.undistributedFen()).isZero();
        // a bare date means local midnight (Asia/Shanghai)
        assertThat(app.get("/api/stations/lin-baiwen-01/revenue?from=2026-11-01&to=2026-11-02", RevenueReport.class))
                .isEqualTo(r);
    }

    @Test
    void revenueAcrossAReplacedInverterCountsItsIncreasesAndSaysSo() {
        Instant day = Instant.parse("2026-11-09T16:00:00Z"); // 2026-11-10 00:00 +08:00
        // inv-04 replaced at 15:00: the new unit's counter starts at 1,000 Wh
        SharedApps.influx().inverter("lin-baiwen-01", "inv-04", day.minusSeconds(600), 2_000_000)
                .inverter("lin-baiwen-01", "inv-04", day.plus(Duration.ofHours(6)), 2_050_000)
                .inverter("lin-baiwen-01", "inv-04", day.plus(Duration.ofHours(7)), 1_000)
                .inverter("lin-baiwen-01", "inv-04", day.plus(Duration.ofHours(23)), 31_000)
                .flush();
        RevenueReport r = app.get("/api/stations/lin-baiwen-01/revenue?from=2026-11-10&to=2026-11-11", RevenueReport.class);
        // +50,000 before the swap, +30,000 after it: 80 kWh x 0.85 = 68.00 yuan, split 40/35/25 %
        assertThat(r.energyWh()).isEqualTo(80_000);
        assertThat(r.grossFen()).isEqualTo(6_800);
        assertThat(r.villages()).extracting(v -> v.revenueFen()).containsExactly(2_720L, 2_380L, 1_700L);
        assertThat(r.counterResets()).containsExactly(new EnergyReading.CounterReset("inv-04", 2_000_000, 31_000));
        // a period without one says so with an empty list, not a missing field
        assertThat(app.get("/api/stations/lin-baiwen-01/revenue?from=2026-11-01&to=2026-11-02", RevenueReport.class)
                .counterResets()).isEmpty();
    }

    @Test
    void centralizedStationRevenueGoesToTheCountyPool() {
        RevenueReport r = app.get("/api/stations/lin-central-01/revenue?from=2026-11-01&to=2026-11-02",
                RevenueReport.class);
        // 100,000 kWh x 0.85 = 85,000.00 yuan
        assertThat(r.grossFen()).isEqualTo(8_500_000);
        assertThat(r.countyPoolFen()).isEqualTo(8_500_000);
        assertThat(r.villages()).isEmpty();
        assertThat(r.undistributedFen()).isZero();
    }

    @Test
    void badRevenueRequestsAreRefusedWithCodeAndField() {
        DistributionApp.Refusal unknown = app.refusal("admin", HttpRequest.GET("/api/stations/nope/revenue?from=2026-11-01&to=2026-11-02"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error().code()).isEqualTo("unknown_station");
        DistributionApp.Refusal badDate = app.refusal("admin", HttpRequest.GET("/api/stations/lin-baiwen-01/revenue?from=yesterday&to=2026-11-02"));
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.error().code()).isEqualTo("bad_datetime");
        assertThat(badDate.error().field()).isEqualTo("from");
        DistributionApp.Refusal missing = app.refusal("admin", HttpRequest.GET("/api/stations/lin-baiwen-01/revenue?from=2026-11-01"));
        assertThat(missing.error().code()).isEqualTo("missing_field");
        assertThat(missing.error().field()).isEqualTo("to");
        DistributionApp.Refusal backwards = app.refusal("admin", HttpRequest.GET("/api/stations/lin-baiwen-01/revenue?from=2026-11-02&to=2026-11-01"));
        assertThat(backwards.error().code()).isEqualTo("bad_period");
    }

    @Test
    void aShareChangeInsideThePeriodSplitsItByMeteredEnergy() {
        // issue 12 §4: a change in the middle of a month used to make the month unplannable; now each part's
        // energy is priced and split by its own shares. t-split: 50/50 until the 15th, 100/0 from it.
        Registry registry = app.bean(Registry.class);
        Station station = registry.createStation(new Station(null, "t-split", "split joint", StationKind.JOINT,
                registry.county("lin").orElseThrow().id(), new BigDecimal("100"), LocalDate.of(2020, 1, 1),
                "poverty-2017", "III", new BigDecimal("100")));
        registry.recordShares("test", station, new ShareSetRequest(LocalDate.of(2020, 1, 1), List.of(
                new ShareInput("lin-shangchengzhuang", new BigDecimal("50")), new ShareInput("lin-houliujiazhuang",
                        new BigDecimal("50"))), "halves"), false);
        registry.recordShares("test", station, new ShareSetRequest(LocalDate.of(2026, 12, 15), List.of(
                new ShareInput("lin-shangchengzhuang", new BigDecimal("100"))), "yaotou bought the rest"), false);
        Instant dec1 = Instant.parse("2026-11-30T16:00:00Z");
        Instant dec15 = Instant.parse("2026-12-14T16:00:00Z");
        Instant jan1 = Instant.parse("2026-12-31T16:00:00Z");
        // 100 kWh before the 15th, 300 kWh after
        SharedApps.influx().inverter("t-split", "inv-01", dec1.minusSeconds(60), 1_000_000)
                .inverter("t-split", "inv-01", dec15.minusSeconds(60), 1_100_000)
                .inverter("t-split", "inv-01", jan1.minusSeconds(60), 1_400_000)
                .flush();
        RevenueReport r = app.get("/api/stations/t-split/revenue?from=2026-12-01&to=2027-01-01", RevenueReport.class);
        // 100 kWh x 0.85 = 85.00 split 42.50 / 42.50; 300 kWh x 0.85 = 255.00 all to 曜头村
        assertThat(r.energyWh()).isEqualTo(400_000);
        assertThat(r.grossFen()).isEqualTo(34_000);
        assertThat(r.parts()).extracting(RevenueReport.Part::energyWh, RevenueReport.Part::grossFen)
                .containsExactly(tuple(100_000L, 8_500L), tuple(300_000L, 25_500L));
        assertThat(r.villages()).extracting(v -> v.village(), v -> v.revenueFen())
                .containsExactly(tuple("lin-shangchengzhuang", 29_750L), tuple("lin-houliujiazhuang", 4_250L));
        assertThat(r.undistributedFen()).isZero();
    }

    private List<VillageShare> record(String station, LocalDate from, List<ShareInput> lines) {
        Registry registry = app.bean(Registry.class);
        return registry.recordShares("test", registry.requireStation(station, "station"),
                new ShareSetRequest(from, lines, "test share set"), false);
    }

    private static String refusal(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e.code() + "|" + e.field() + "|" + e.getMessage();
        }
        throw new AssertionError("expected a refusal");
    }
}
