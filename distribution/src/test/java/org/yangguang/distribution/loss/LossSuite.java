package org.yangguang.distribution.loss;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yangguang.distribution.DistributionApp;
import org.yangguang.distribution.registry.Registry;
import org.yangguang.distribution.registry.ShareInput;
import org.yangguang.distribution.registry.ShareSetRequest;
import org.yangguang.distribution.registry.Station;
import org.yangguang.distribution.registry.StationKind;
import org.yangguang.distribution.telemetry.InfluxFixture;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 item 2 on the real service and database: every episode-day priced at the tariff in force that day and
 * split by the shares in force that day (hand-computed, across a tariff change and a share change inside one
 * episode), the county pool of a centralized station, conservation to the fen for random shares and losses, open
 * episodes live and closed ones final, bad episodes skipped with their reason, per-role and per-village
 * authorization, the repair queue's ranking, a village's faults beside its income, and the availability report
 * agreeing between JSON, PDF and XLSX. The collector's side is a loopback server answering its loss API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LossSuite {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String BAIWEN = "lin-baiwen-01";
    static final String WANGJIAYU = "lin-wangjiayu-01";

    CollectorLossApi collector;
    InfluxFixture influx;
    DistributionApp app;
    Registry registry;
    LocalDate today;

    abstract Map<String, Object> database();

    static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    static Map<LocalDate, Long> days(Object... dateWh) {
        Map<LocalDate, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < dateWh.length; i += 2) {
            m.put(dateWh[i] instanceof LocalDate d ? d : LocalDate.parse((String) dateWh[i]), ((Number) dateWh[i + 1]).longValue());
        }
        return m;
    }

    @BeforeAll
    void start() throws Exception {
        collector = new CollectorLossApi();
        influx = new InfluxFixture();
        // 30,000 kWh in November 2026 (local days) at the joint station
        influx.inverter(BAIWEN, "inv-01", Instant.parse("2026-10-31T16:00:00Z"), 1_000_000)
                .inverter(BAIWEN, "inv-01", Instant.parse("2026-11-30T16:00:00Z"), 31_000_000).flush();
        Map<String, Object> p = new HashMap<>();
        p.put("yangguang.demo.seed", "true");
        p.put("yangguang.influx.url", influx.url());
        p.put("yangguang.influx.database", influx.database());
        p.put("yangguang.collector.url", collector.url());
        p.put("yangguang.collector.token", CollectorLossApi.TOKEN);
        p.put("yangguang.losses.scheduled", "false");
        // the random October episodes lie before the default 45-day window
        p.put("yangguang.losses.lookback-days", "400");
        // a tariff change inside an episode: 0.85 until 14 November, 0.90 from the 15th
        p.put("yangguang.tariffs.t-2026-11.batch", "poverty-2017");
        p.put("yangguang.tariffs.t-2026-11.resource-zone", "III");
        p.put("yangguang.tariffs.t-2026-11.effective-from", "2026-11-15");
        p.put("yangguang.tariffs.t-2026-11.yuan-per-kwh", "0.9000");
        p.put("yangguang.tariffs.t-2026-11.benchmark-yuan-per-kwh", "0.3320");
        app = DistributionApp.start(database(), p);
        registry = app.bean(Registry.class);
        today = LocalDate.now(ZONE);
        Station baiwen = registry.requireStation(BAIWEN, "station");
        // a share change inside the same episode: from 16 November 曜头 and 樊家沟 half each (兴盛山 left)
        registry.recordShares("system", baiwen, new ShareSetRequest(LocalDate.of(2026, 11, 16), List.of(
                new ShareInput("lin-yaotou", new BigDecimal("50")), new ShareInput("lin-fanjiagou", new BigDecimal("50"))),
                "test: share change inside an episode"), false);
        long county = registry.county("lin").orElseThrow().id();
        // a centralized station whose poverty share is 30 %: the county pool gets 30 %, the rest 70 %
        registry.createStation(new Station(null, "t-central-30", "测试集中式电站", StationKind.CENTRALIZED, county,
                new BigDecimal("20000.000"), LocalDate.of(2018, 11, 28), "poverty-2018", "III", new BigDecimal("30")));

        collector.put(new CollectorLossApi.Episode(BAIWEN, "inv-03", "zero_output_daylight", ms("2026-11-14T02:00:00Z"),
                ms("2026-11-16T05:00:00Z"), "closed", null, 0, 0, null,
                days("2026-11-14", 10_000, "2026-11-15", 20_001, "2026-11-16", 7_777)));
        collector.put(new CollectorLossApi.Episode("t-central-30", "inv-07", "device_fault", ms("2026-11-20T03:00:00Z"),
                ms("2026-11-20T08:00:00Z"), "closed", null, 0, 0, null, days("2026-11-20", 123_457)));
        collector.put(new CollectorLossApi.Episode(WANGJIAYU, "gw", "gateway_offline",
                today.minusDays(1).atTime(9, 0).atZone(ZONE).toInstant().toEpochMilli(), null, "open", 6_000L, 3_000, 0,
                null, days(today.minusDays(1), 5_000, today, 3_000)));
        collector.put(new CollectorLossApi.Episode(BAIWEN, "inv-05", "underperforming",
                today.minusDays(2).atTime(11, 0).atZone(ZONE).toInstant().toEpochMilli(), null, "open", 1_200L, 0, 2,
                "no healthy history", days(today.minusDays(2), 800, today.minusDays(1), 900, today, 400)));
        collector.put(new CollectorLossApi.Episode("nowhere-01", "inv-01", "device_fault", ms("2026-11-21T03:00:00Z"),
                ms("2026-11-21T04:00:00Z"), "closed", null, 0, 0, null, days("2026-11-21", 1_000)));
        // a row the collector's contract does not allow: named, skipped, the rest priced
        collector.put(new CollectorLossApi.Episode(BAIWEN, "inv-04", "device_fault", ms("2026-11-22T03:00:00Z"),
                ms("2026-11-22T04:00:00Z"), "half-open", null, 0, 0, null, days("2026-11-22", 1_000)));
        Map<?, ?> r = app.http().retrieve(HttpRequest.POST("/api/losses/refresh", "").bearerAuth(app.token("operator")),
                Map.class);
        assertThat(((List<?>) r.get("skipped"))).hasSize(2).anySatisfy(x -> assertThat(x).asString()
                .startsWith("nowhere-01/inv-01/device_fault/").contains("station 'nowhere-01' is not in the registry"))
                .anySatisfy(x -> assertThat(x).asString().contains("episodes[", "has state 'half-open'"));
        assertThat(((Number) r.get("priced")).intValue()).isEqualTo(4);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (influx != null) {
            influx.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    Map<?, ?> get(String user, String path) {
        return app.get(user, path, Map.class);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    static long n(Object o) {
        return ((Number) o).longValue();
    }

    static Map<String, Object> byId(List<Map<String, Object>> rows, String key, String value) {
        return rows.stream().filter(r -> value.equals(r.get(key))).findFirst()
                .orElseThrow(() -> new AssertionError("no row with " + key + "=" + value + " in " + rows));
    }

    static Map<String, Long> villageFen(Object villages) {
        Map<String, Long> m = new TreeMap<>();
        list(villages).forEach(v -> m.put((String) v.get("village"), n(v.get("lostFen"))));
        return m;
    }

    @Test
    void eachDayIsPricedAtItsTariffAndSplitByItsSharesAcrossAChangeInsideTheEpisode() {
        Map<?, ?> r = get("admin", "/api/losses?from=2026-11-01&to=2026-11-30&station=" + BAIWEN);
        Map<String, Object> e = list(r.get("episodes")).get(0);
        assertThat(list(r.get("episodes"))).hasSize(1);
        // 10.000 kWh × 0.85 = 8.50 yuan: 40/35/25 → 340, 297.5, 212.5: the one fen left goes to the first of the
        // equal remainders, 樊家沟 (listed before 兴盛山 by id)
        // 20.001 kWh × 0.90 = 18.0009 → 18.00 yuan: 720, 630, 450
        // 7.777 kWh × 0.90 = 6.9993 → 7.00 yuan, shares 50/50 from the 16th: 350, 350
        assertThat(list(e.get("days"))).extracting(d -> d.get("date"), d -> n(d.get("lostWh")),
                        d -> new BigDecimal(String.valueOf(d.get("yuanPerKwh"))).setScale(4), d -> n(d.get("lostFen")))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2026-11-14", 10_000L, new BigDecimal("0.8500"), 850L),
                        org.assertj.core.groups.Tuple.tuple("2026-11-15", 20_001L, new BigDecimal("0.9000"), 1800L),
                        org.assertj.core.groups.Tuple.tuple("2026-11-16", 7_777L, new BigDecimal("0.9000"), 700L));
        assertThat(n(e.get("lostFen"))).isEqualTo(3350);
        assertThat(n(e.get("lostWh"))).isEqualTo(37_778);
        assertThat(villageFen(e.get("villages"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "lin-yaotou", 340L + 720 + 350, "lin-fanjiagou", 298L + 630 + 350, "lin-xingshengshan", 212L + 450));
        assertThat(n(e.get("countyPoolFen")) + n(e.get("undistributedFen"))).isZero();
        assertThat(e.get("state")).isEqualTo("closed");
        // one day only: the period cuts the episode's days, the sums follow
        Map<?, ?> one = get("admin", "/api/losses?from=2026-11-15&to=2026-11-15&village=lin-yaotou");
        assertThat(n(one.get("lostFen"))).isEqualTo(1800);
        assertThat(villageFen(one.get("villages"))).containsExactlyEntriesOf(Map.of("lin-yaotou", 720L));
    }

    @Test
    void aCentralizedStationsLossGoesToTheCountyPoolByItsPovertyShare() {
        Map<?, ?> r = get("admin", "/api/losses?from=2026-11-01&to=2026-11-30&station=t-central-30");
        Map<String, Object> e = list(r.get("episodes")).get(0);
        // 123.457 kWh × 0.85 = 104.93845 yuan → 10494 fen; pool 30 % = 3148.2, rest 70 % = 7345.8 → 3148 + 7346
        assertThat(n(e.get("lostFen"))).isEqualTo(10_494);
        assertThat(n(e.get("countyPoolFen"))).isEqualTo(3148);
        assertThat(n(e.get("undistributedFen"))).isEqualTo(7346);
        assertThat(list(e.get("villages"))).isEmpty();
    }

    @Test
    void theMonthAddsUpToTheFenAcrossStationsVillagesPoolAndRestAndInTheDatabase() throws Exception {
        Map<?, ?> r = get("admin", "/api/losses?from=2026-11-01&to=2026-11-30");
        assertThat(n(r.get("lostWh"))).isEqualTo(37_778 + 123_457);
        assertThat(n(r.get("lostFen"))).isEqualTo(3350 + 10_494);
        long villages = villageFen(r.get("villages")).values().stream().mapToLong(Long::longValue).sum();
        assertThat(villages + n(r.get("countyPoolFen")) + n(r.get("undistributedFen"))).isEqualTo(n(r.get("lostFen")));
        assertThat(list(r.get("stations")).stream().mapToLong(s -> n(s.get("lostFen"))).sum()).isEqualTo(n(r.get("lostFen")));
        requireStoredSumsAgree();
    }

    /** Σ shares = Σ days = Σ episodes, in the database itself. */
    void requireStoredSumsAgree() throws Exception {
        try (Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(
                app.bean(DataSource.class)).getConnection()) {
            assertThat(one(c, "SELECT COALESCE(SUM(lost_fen), 0) FROM loss_share"))
                    .isEqualTo(one(c, "SELECT COALESCE(SUM(lost_fen), 0) FROM loss_day"))
                    .isEqualTo(one(c, "SELECT COALESCE(SUM(lost_fen), 0) FROM loss_episode"));
            assertThat(one(c, "SELECT COUNT(*) FROM (SELECT d.id FROM loss_day d JOIN loss_share s ON s.day_id = d.id"
                    + " GROUP BY d.id, d.lost_fen HAVING SUM(s.lost_fen) <> d.lost_fen) x")).isZero();
        }
    }

    private static long one(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void randomSharesAndLossesAreConservedToTheFenAndEachVillageGetsItsQuotaWithinAFenADay() throws Exception {
        Random random = new Random(15_2026);
        long county = registry.county("lin").orElseThrow().id();
        for (int s = 0; s < 3; s++) {
            String code = "t-random-" + s;
            Station st = registry.createStation(new Station(null, code, "随机联村电站" + s, StationKind.JOINT, county,
                    new BigDecimal("300.000"), LocalDate.of(2017, 6, 30), "poverty-2017", "III", new BigDecimal("100")));
            List<String> villages = new ArrayList<>(List.of("lin-yaotou", "lin-shangchengzhuang", "lin-duanjiata",
                    "lin-houliujiazhuang", "lin-wangjiayu", "lin-fanjiagou", "lin-xingshengshan"));
            // three share sets in October: random parts of a random whole, some of it held by no village
            for (LocalDate from : List.of(LocalDate.of(2017, 6, 30), LocalDate.of(2026, 10, 11), LocalDate.of(2026, 10, 21))) {
                java.util.Collections.shuffle(villages, random);
                int count = 1 + random.nextInt(6);
                long whole = 1 + random.nextInt(1_000);
                List<ShareInput> shares = new ArrayList<>();
                long left = whole;
                for (int i = 0; i < count && left > 0; i++) {
                    long parts = i == count - 1 && random.nextBoolean() ? left : 1 + random.nextLong(left);
                    left -= parts;
                    shares.add(new ShareInput(villages.get(i), null, parts));
                }
                registry.recordShares("system", st, new ShareSetRequest(from, shares, whole, "test: random shares"), false);
            }
            for (int e = 0; e < 12; e++) {
                LocalDate first = LocalDate.of(2026, 10, 1 + random.nextInt(28));
                Map<LocalDate, Long> d = new LinkedHashMap<>();
                for (int k = 0; k <= random.nextInt(4); k++) {
                    d.put(first.plusDays(k), (long) random.nextInt(2_000_000));
                }
                long since = first.atTime(8 + e % 8, e).atZone(ZONE).toInstant().toEpochMilli();
                collector.put(new CollectorLossApi.Episode(code, "inv-" + e, "device_fault", since, since + 3_600_000L,
                        "closed", null, 0, 0, null, d));
            }
        }
        app.http().retrieve(HttpRequest.POST("/api/losses/refresh", "").bearerAuth(app.token("admin")), Map.class);
        for (int s = 0; s < 3; s++) {
            Station st = registry.requireStation("t-random-" + s, "station");
            Map<?, ?> r = get("admin", "/api/losses?from=2026-10-01&to=2026-10-31&station=" + st.code());
            assertThat(list(r.get("episodes"))).hasSize(12);
            long sum = 0;
            for (Map<String, Object> e : list(r.get("episodes"))) {
                long parts = villageFen(e.get("villages")).values().stream().mapToLong(Long::longValue).sum()
                        + n(e.get("countyPoolFen")) + n(e.get("undistributedFen"));
                assertThat(parts).as("episode %s", e.get("id")).isEqualTo(n(e.get("lostFen")));
                // each day: fen = kWh × tariff, rounded once half up; each village within a fen of its exact quota
                Map<String, BigDecimal> exact = new HashMap<>();
                for (Map<String, Object> d : list(e.get("days"))) {
                    BigDecimal fen = BigDecimal.valueOf(n(d.get("lostWh")), 3).multiply(new BigDecimal("0.85"))
                            .movePointRight(2).setScale(0, RoundingMode.HALF_UP);
                    assertThat(n(d.get("lostFen"))).isEqualTo(fen.longValueExact());
                    LocalDate day = LocalDate.parse((String) d.get("date"));
                    var owners = registry.ownership(st, day, day).get(0);
                    for (var o : owners.villages()) {
                        exact.merge(o.code(), fen.multiply(BigDecimal.valueOf(o.parts()))
                                .divide(BigDecimal.valueOf(owners.whole()), 10, RoundingMode.HALF_EVEN), BigDecimal::add);
                    }
                }
                Map<String, Long> got = villageFen(e.get("villages"));
                int dayCount = list(e.get("days")).size();
                exact.forEach((v, q) -> assertThat(BigDecimal.valueOf(got.getOrDefault(v, 0L)).subtract(q).abs())
                        .as("village %s of %s", v, e.get("id")).isLessThan(BigDecimal.valueOf(dayCount)));
                sum += n(e.get("lostFen"));
            }
            assertThat(n(r.get("lostFen"))).isEqualTo(sum);
            long villages = villageFen(r.get("villages")).values().stream().mapToLong(Long::longValue).sum();
            assertThat(villages + n(r.get("countyPoolFen")) + n(r.get("undistributedFen"))).isEqualTo(sum);
        }
        requireStoredSumsAgree();
    }

    @Test
    void anOpenEpisodeIsRepricedEveryRefreshAndAClosedOneIsFinal() {
        long since = ms("2026-10-05T01:00:00Z");
        String id = "lin-central-01/inv-09/device_fault/" + since;
        collector.put(new CollectorLossApi.Episode("lin-central-01", "inv-09", "device_fault", since, null, "open", 50L,
                0, 0, null, days("2026-10-05", 1_000)));
        refresh();
        assertThat(episode(id)).containsEntry("state", "open");
        assertThat(n(episode(id).get("lostFen"))).isEqualTo(85);
        collector.put(new CollectorLossApi.Episode("lin-central-01", "inv-09", "device_fault", since, null, "open", 50L,
                0, 0, null, days("2026-10-05", 1_000, "2026-10-06", 2_000)));
        refresh();
        assertThat(n(episode(id).get("lostFen"))).isEqualTo(85 + 170);
        collector.put(new CollectorLossApi.Episode("lin-central-01", "inv-09", "device_fault", since,
                ms("2026-10-07T01:00:00Z"), "closed", null, 0, 0, null,
                days("2026-10-05", 1_000, "2026-10-06", 2_000, "2026-10-07", 100)));
        refresh();
        assertThat(episode(id)).containsEntry("state", "closed");
        assertThat(n(episode(id).get("lostFen"))).isEqualTo(85 + 170 + 9);
        assertThat(n(episode(id).get("countyPoolFen"))).isEqualTo(85 + 170 + 9);
        // the collector recomputes it later: a closed month's figures stay what was stored
        collector.put(new CollectorLossApi.Episode("lin-central-01", "inv-09", "device_fault", since,
                ms("2026-10-07T01:00:00Z"), "closed", null, 0, 0, null,
                days("2026-10-05", 9_000, "2026-10-06", 2_000, "2026-10-07", 100)));
        refresh();
        assertThat(n(episode(id).get("lostFen"))).isEqualTo(85 + 170 + 9);
    }

    private void refresh() {
        app.http().retrieve(HttpRequest.POST("/api/losses/refresh", "").bearerAuth(app.token("operator")), Map.class);
    }

    private Map<String, Object> episode(String id) {
        Map<?, ?> r = get("admin", "/api/losses?from=2026-10-01&to=2026-10-31&station=lin-central-01");
        return byId(list(r.get("episodes")), "id", id);
    }

    @Test
    void theRepairQueueRanksOpenFaultsByYuanLostPerDayWithTheVillagesTheyCost() {
        List<Map<String, Object>> q = list(app.http().retrieve(HttpRequest.GET("/api/losses/repair-queue")
                .bearerAuth(app.token("operator")), io.micronaut.core.type.Argument.listOf(Map.class)));
        List<Map<String, Object>> mine = q.stream().filter(i -> i.get("station").equals(WANGJIAYU)
                || i.get("id").toString().startsWith(BAIWEN + "/inv-05/")).toList();
        assertThat(mine).extracting(i -> i.get("station")).containsExactly(WANGJIAYU, BAIWEN);
        Map<String, Object> first = mine.get(0);
        // 6 kWh in the last 24 h × 0.90 = 5.40 yuan a day, all 王家峪's
        assertThat(n(first.get("rank"))).isEqualTo(1);
        assertThat(n(first.get("fenPerDay"))).isEqualTo(540);
        assertThat(villageFen(first.get("villagesPerDay"))).containsExactlyEntriesOf(Map.of("lin-wangjiayu", 540L));
        assertThat(first.get("type")).isEqualTo("gateway_offline");
        assertThat(n(first.get("unconfirmedWh"))).isEqualTo(3_000);
        // 1.2 kWh × 0.90 = 1.08 yuan a day, by today's shares 50/50
        Map<String, Object> second = mine.get(1);
        assertThat(n(second.get("fenPerDay"))).isEqualTo(108);
        assertThat(villageFen(second.get("villagesPerDay")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("lin-yaotou", 54L, "lin-fanjiagou", 54L));
        assertThat(n(second.get("unpricedBuckets"))).isEqualTo(2);
        assertThat(second.get("note")).isEqualTo("no healthy history");
    }

    @Test
    void aCommitteeSeesOnlyItsVillageAndIsRefusedAnotherWithoutBeingToldAnything() {
        Map<?, ?> mine = get("vc-yaotou", "/api/losses?from=2026-11-01&to=2026-11-30");
        assertThat(list(mine.get("episodes"))).extracting(e -> e.get("station")).containsOnly(BAIWEN);
        assertThat(villageFen(mine.get("villages"))).containsExactlyEntriesOf(Map.of("lin-yaotou", 1410L));
        for (Map<String, Object> e : list(mine.get("episodes"))) {
            assertThat(villageFen(e.get("villages")).keySet()).containsOnly("lin-yaotou");
            assertThat(n(e.get("countyPoolFen")) + n(e.get("undistributedFen"))).isZero();
        }
        Map<?, ?> other = get("vc-wangjiayu", "/api/losses?from=2026-11-01&to=2026-11-30");
        assertThat(list(other.get("episodes"))).isEmpty();
        assertThat(n(other.get("lostFen"))).isZero();
        Map<?, ?> township = get("township-baiwen", "/api/losses?from=2026-11-01&to=2026-11-30");
        assertThat(villageFen(township.get("villages"))).containsExactlyEntriesOf(Map.of("lin-yaotou", 1410L));

        for (var request : List.of(HttpRequest.GET("/api/losses?village=lin-fanjiagou&from=2026-11-01&to=2026-11-30"),
                HttpRequest.GET("/api/villages/lin-fanjiagou/losses?month=2026-11"),
                HttpRequest.GET("/api/losses/repair-queue"), HttpRequest.GET("/api/reports/availability?month=2026-11"),
                HttpRequest.GET("/api/reports/availability.pdf?month=2026-11"),
                HttpRequest.POST("/api/losses/refresh", ""))) {
            DistributionApp.Refusal no = app.refusal("vc-yaotou", request);
            assertThat(no.status()).as("%s", request.getPath()).isEqualTo(403);
            assertThat(no.error().code()).isEqualTo("forbidden");
            assertThat(no.error().message()).doesNotContain("樊家沟", "1278", "12.78", "王家峪");
        }
        assertThat(app.refusal(null, HttpRequest.GET("/api/losses")).status()).isEqualTo(401);
        assertThat(app.refusal("auditor", HttpRequest.POST("/api/losses/refresh", "")).status()).isEqualTo(403);
    }

    @Test
    void aVillagesMonthShowsItsIncomeAndWhatEachFaultCostItAndTheRevenueReportShowsLostBesideEarned() {
        Map<?, ?> v = get("vc-yaotou", "/api/villages/lin-yaotou/losses?month=2026-11");
        assertThat(n(v.get("lostFen"))).isEqualTo(1410);
        Map<String, Object> fault = list(v.get("faults")).get(0);
        assertThat(fault).containsEntry("station", BAIWEN).containsEntry("device", "inv-03")
                .containsEntry("type", "zero_output_daylight");
        assertThat(n(fault.get("villageLostFen"))).isEqualTo(1410);
        assertThat(n(fault.get("stationLostWh"))).isEqualTo(37_778);
        Map<?, ?> revenue = get("vc-yaotou", "/api/stations/" + BAIWEN
                + "/revenue?from=2026-11-01T00:00:00%2B08:00&to=2026-12-01T00:00:00%2B08:00");
        long earned = list(revenue.get("villages")).stream().filter(x -> x.get("village").equals("lin-yaotou"))
                .mapToLong(x -> n(x.get("revenueFen"))).sum();
        assertThat(earned).isPositive();
        assertThat(n(v.get("earnedFen"))).isEqualTo(earned);
        // the station's loss as the revenue report's station figures; of the villages only the reader's
        assertThat(n(revenue.get("lostFen"))).isEqualTo(3350);
        assertThat(villageFen(revenue.get("lostVillages"))).containsExactlyEntriesOf(Map.of("lin-yaotou", 1410L));
        Map<?, ?> all = get("admin", "/api/stations/" + BAIWEN
                + "/revenue?from=2026-11-01T00:00:00%2B08:00&to=2026-12-01T00:00:00%2B08:00");
        assertThat(n(all.get("lostFen"))).isEqualTo(3350);
        assertThat(n(all.get("lostWh"))).isEqualTo(37_778);
    }

    @Test
    void theAvailabilityReportAgreesBetweenJsonPdfAndXlsx() throws Exception {
        Map<?, ?> r = get("county", "/api/reports/availability?month=2026-11");
        Map<String, Object> baiwen = byId(list(r.get("stations")), "station", BAIWEN);
        // produced 30,000 kWh, lost 37.778 kWh: 30000000 / 30037778 = 99.874 %
        assertThat(n(baiwen.get("producedWh"))).isEqualTo(30_000_000);
        assertThat(new BigDecimal(String.valueOf(baiwen.get("availabilityPercent")))).isEqualByComparingTo("99.87");
        assertThat(n(baiwen.get("lostFen"))).isEqualTo(3350);
        assertThat(list(r.get("worst"))).extracting(s -> s.get("station")).startsWith("t-central-30", BAIWEN);
        long villages = list(r.get("villages")).stream().mapToLong(x -> n(x.get("lostFen"))).sum();
        assertThat(villages + n(r.get("countyPoolFen")) + n(r.get("undistributedFen"))).isEqualTo(n(r.get("lostFen")));

        HttpResponse<byte[]> pdf = app.http().exchange(HttpRequest.GET("/api/reports/availability.pdf?month=2026-11")
                .bearerAuth(app.token("county")), byte[].class);
        assertThat(pdf.getContentType().orElseThrow().toString()).isEqualTo("application/pdf");
        PdfReader reader = new PdfReader(pdf.body());
        StringBuilder text = new StringBuilder();
        PdfTextExtractor extractor = new PdfTextExtractor(reader);
        for (int p = 1; p <= reader.getNumberOfPages(); p++) {
            text.append(extractor.getTextFromPage(p)).append('\n');
        }
        String t = text.toString();
        assertThat(t).contains("光伏扶贫电站月度可用率报告 2026-11", "白文联村电站", "99.87", "37.778", "33.50",
                "曜头村 14.10", yuanText(n(r.get("lostFen"))));
        assertThat(new String(pdf.body(), java.nio.charset.StandardCharsets.ISO_8859_1)).contains("/FontFile");

        HttpResponse<byte[]> xlsx = app.http().exchange(HttpRequest.GET("/api/reports/availability.xlsx?month=2026-11")
                .bearerAuth(app.token("county")), byte[].class);
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet stations = wb.getFirstSheet();
            Map<String, Row> rows = new HashMap<>();
            for (Row row : stations.openStream().skip(1).toList()) {
                rows.put(row.getCellText(0), row);
            }
            for (Map<String, Object> s : list(r.get("stations"))) {
                Row row = rows.get((String) s.get("station"));
                assertThat(row).as("xlsx row of %s", s.get("station")).isNotNull();
                assertThat(new BigDecimal(row.getCellText(5))).isEqualByComparingTo(BigDecimal.valueOf(n(s.get("lostFen")), 2));
                assertThat(new BigDecimal(row.getCellText(4))).isEqualByComparingTo(BigDecimal.valueOf(n(s.get("lostWh")), 3));
                if (s.get("availabilityPercent") != null) {
                    assertThat(new BigDecimal(row.getCellText(2)))
                            .isEqualByComparingTo(new BigDecimal(String.valueOf(s.get("availabilityPercent"))));
                }
            }
            List<Sheet> sheets = wb.getSheets().collect(Collectors.toList());
            Map<String, BigDecimal> villages2 = new HashMap<>();
            for (Row row : sheets.get(2).openStream().skip(1).toList()) {
                villages2.put(row.getCellText(0), row.getCellText(2).isEmpty() ? null : new BigDecimal(row.getCellText(2)));
            }
            for (Map<String, Object> v : list(r.get("villages"))) {
                assertThat(villages2.get((String) v.get("village"))).isEqualByComparingTo(BigDecimal.valueOf(n(v.get("lostFen")), 2));
            }
        }
    }

    private static String yuanText(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }
}
