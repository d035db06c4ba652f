package org.yangguang.integration.console;

import org.yangguang.testkit.Closing;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.yangguang.simulator.station.Faults;
import org.yangguang.testkit.Services;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each user's main task clicked through in Debian's headless chromium against the real distribution service
 * (H2, demo registry) and a collector fed by the simulator and gateway: log in in Chinese, switch to English,
 * the operator's station list and alarm acknowledgement, the village committee's revenue. Basic accessibility is
 * checked on every page (labels, contrast, visible keyboard focus); screenshots go to dashboards/target/screenshots.
 */
class ConsoleBrowserTest {
    static final String PASSWORD = ConsoleApp.PASSWORD;

    static LiveFleet fleet;
    static ConsoleApp distribution;
    static Browser browser;
    static Instant dataAt;

    @BeforeAll
    static void start() throws Exception {
        dataAt = LiveFleet.localNoonToday();
        fleet = LiveFleet.start(dataAt.minus(LiveFleet.POLL.multipliedBy(12)));
        for (int i = 0; i < 13; i++) {
            if (i == 9) {
                // inverter 2's AC breaker trips at noon (it answers, produces nothing, flags nothing): the collector
                // raises "zero output in daylight" (major), and the operator has something to acknowledge
                fleet.simulator().inverter(2).setFaults(Faults.NONE.withZeroOutput(true));
            }
            fleet.poll();
        }
        fleet.settle();
        // inverter 98 was replaced an hour before noon: its gateway reported another serial number
        fleet.announce("inv-98", "HV2150000098", dataAt.minusSeconds(7200));
        fleet.announce("inv-98", "HV2199000098", dataAt.minusSeconds(3600));
        distribution = ConsoleApp.start(fleet.database(), Map.of("yangguang.collector.url", fleet.collectorUrl(),
                "yangguang.collector.token", LiveFleet.API_TOKEN, "yangguang.console.live-interval", "2s"));
        browser = new Browser(distribution.url());
    }

    @AfterAll
    static void stop() throws Exception {
        Closing.inOrder(browser, distribution, fleet);
    }

    @BeforeEach
    void desktop() {
        browser.size(Browser.DESKTOP);
    }

    @Test
    void loginIsChineseByDefaultSwitchesToEnglishAndIsKeyboardUsable() throws Exception {
        browser.size(Browser.PHONE);
        browser.fresh("/");
        browser.waitForText(By.tagName("h1"), "登录");
        assertThat(browser.find(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
        browser.assertLabelled();
        browser.assertContrast();
        List<String> order = browser.tabThrough(8);
        assertThat(order).as("keyboard order %s", order).containsSubsequence("跳到正文", "English", "用户名", "密码", "登录");
        browser.shot("login-zh-phone");

        browser.button("English").click();
        browser.waitForText(By.tagName("h1"), "Log in");
        assertThat(browser.find(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        browser.inputLabelled("User name");
        browser.inputLabelled("Password");
        browser.shot("login-en-phone");

        // a wrong password says so, in the chosen language, and keeps the form
        browser.inputLabelled("User name").sendKeys("operator");
        browser.inputLabelled("Password").sendKeys("wrong-password-123");
        browser.button("Log in").click();
        browser.waitForText(By.cssSelector("[role=alert]"), "Wrong user name or password");
        browser.button("中文").click();
        browser.waitForText(By.tagName("h1"), "登录");
    }

    @Test
    void operatorSeesEveryStationsLiveStateAndAcknowledgesAnAlarm() throws Exception {
        browser.fresh("/");
        browser.login("operator", PASSWORD, "用户名", "密码", "登录");
        By baiwen = By.cssSelector("#stations-table tr[data-station='lin-baiwen-01']");
        browser.waitFor(baiwen);
        // the list is re-rendered by live updates: read through helpers that retry a replaced row
        // inverter 2 produces nothing in daylight: the station is shown as faulty, not merely online
        assertThat(browser.attribute(By.cssSelector("#stations-table tr[data-station='lin-baiwen-01'] .state"), "data-state"))
                .as("%s", browser.text(baiwen)).isEqualTo("fault");
        assertThat(browser.text(baiwen)).contains("白文联村电站", "故障", "3 / 3");
        // stations the collector has never heard of are offline, not invented
        assertThat(browser.attribute(By.cssSelector("#stations-table tr[data-station='lin-central-01'] .state"), "data-state"))
                .isEqualTo("offline");
        // live updates arrive over server-sent events without reloading
        browser.waitForText(By.id("live-note"), "实时更新");
        // the map places the station where the collector registry says it is (ECharts draws its name as SVG text)
        browser.waitFor(By.cssSelector("#station-map svg"));
        assertThat(browser.attribute(By.cssSelector("#station-map svg"), "textContent")).contains("白文联村电站");
        browser.assertLabelled();
        browser.assertContrast();
        browser.shot("operator-stations-desktop");
        browser.size(Browser.PHONE);
        browser.shot("operator-stations-phone");
        browser.size(Browser.DESKTOP);

        // the alarm, acknowledged with a note
        browser.find(By.linkText("告警")).click();
        WebElement alarm = browser.waitFor(By.cssSelector("#alarms-table tr[data-key^='lin-baiwen-01/inv-02/zero_output_daylight/']"));
        assertThat(alarm.getText()).contains("inv-02", "白天零出力", "重要");
        browser.assertLabelled();
        browser.assertContrast();
        browser.shot("operator-alarms-before-ack");
        String key = alarm.getAttribute("data-key");
        WebElement note = alarm.findElement(By.cssSelector("input[name=reason]"));
        note.clear();
        note.sendKeys("已派人去现场检查接地");
        alarm.findElement(By.cssSelector("button[type=submit]")).click();
        browser.waitForText(By.cssSelector("#alarms-table tr[data-key='" + key + "']"), "已确认：operator");
        browser.shot("operator-alarms-acknowledged");
        // the acknowledgement is in the audit trail with who and why
        String audit = distribution.get("/api/audit?entity=alarm&key=" + java.net.URLEncoder.encode(key, StandardCharsets.UTF_8), "auditor");
        assertThat(audit).contains("\"actor\":\"operator\"", "已派人去现场检查接地");

        // one station: today's power, yield, equivalent hours, PR, ranking
        browser.find(By.linkText("电站")).click();
        browser.click(By.linkText("白文联村电站"));
        browser.waitFor(By.id("station-kpis"));
        browser.waitFor(By.cssSelector("#inverter-ranking tbody tr"));
        assertThat(browser.findAll(By.cssSelector("#inverter-ranking tbody tr"))).hasSize(3);
        browser.waitFor(By.cssSelector(".chart svg"));
        // every device as it names itself: the simulator's SunSpec model 1, read by the gateway at discovery
        WebElement inv1 = browser.waitFor(By.cssSelector("#device-table tr[data-device='inv-01']"));
        assertThat(inv1.getText()).contains("Yangguang Sim", "YG-SIM-50K", "SIM-0001", "0.1.0");
        assertThat(browser.findAll(By.cssSelector("#device-table tbody tr"))).hasSize(4);
        // and the replacement, with both serial numbers and how its energy is counted
        WebElement swap = browser.waitFor(By.cssSelector("#swap-table tr[data-device='inv-98']"));
        assertThat(swap.getText()).contains("inv-98", "HV2150000098", "HV2199000098");
        assertThat(browser.text(By.tagName("main"))).contains("设备更换记录", "新旧两台各按自己的电量计数器计量");
        browser.assertLabelled();
        browser.assertContrast();
        browser.shot("operator-station-desktop");
    }

    @Test
    void villageCommitteeSeesItsRevenueByStationShare() throws Exception {
        // a fourth inverter of the joint station was replaced this morning: its new energy counter starts low
        // (energy counter only, so the operator's pages, which read the collector's rollups, do not show it)
        try (InfluxDB influx = InfluxDBFactory.connect(Services.influxUrl())) {
            String line = "telemetry,station=lin-baiwen-01,device=inv-99,kind=inverter ac_energy=%d %d";
            influx.write(fleet.database(), "", InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS, List.of(
                    String.format(line, 800_000, dataAt.minusSeconds(2400).toEpochMilli()),
                    String.format(line, 800_500, dataAt.minusSeconds(1800).toEpochMilli()),
                    String.format(line, 200, dataAt.minusSeconds(1200).toEpochMilli()),
                    String.format(line, 600, dataAt.minusSeconds(600).toEpochMilli())));
            // inverter 98 (replaced an hour before noon, see start()) by a refurbished unit whose counter stands higher:
            // 400 Wh from the old unit, 300 Wh from the new, and the 4 MWh between the two counters is nobody's
            String line98 = "telemetry,station=lin-baiwen-01,device=inv-98,kind=inverter ac_energy=%d %d";
            influx.write(fleet.database(), "", InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS, List.of(
                    String.format(line98, 1_000_000, dataAt.minusSeconds(6000).toEpochMilli()),
                    String.format(line98, 1_000_400, dataAt.minusSeconds(4200).toEpochMilli()),
                    String.format(line98, 5_000_000, dataAt.minusSeconds(3600).toEpochMilli()),
                    String.format(line98, 5_000_300, dataAt.minusSeconds(3000).toEpochMilli())));
        }
        browser.size(Browser.PHONE);
        browser.fresh("/");
        browser.login("vc-yaotou", PASSWORD, "用户名", "密码", "登录");
        boolean thisMonth = YearMonth.from(dataAt.atZone(LiveFleet.ZONE)).equals(YearMonth.now(LiveFleet.ZONE));
        if (!thisMonth) {
            new org.openqa.selenium.support.ui.Select(browser.inputLabelled("期间")).selectByVisibleText("上月");
        }
        WebElement row = browser.waitFor(By.cssSelector("#revenue-table tr[data-station='lin-baiwen-01']"));
        // only the stations 曜头村 holds a share of
        assertThat(browser.findAll(By.cssSelector("#revenue-table tbody tr"))).hasSize(1);
        // the figures are exactly the service's: 40 % of the joint station, in yuan to the fen
        String from = thisMonth ? YearMonth.now(LiveFleet.ZONE).atDay(1).toString()
                : YearMonth.now(LiveFleet.ZONE).minusMonths(1).atDay(1).toString();
        String to = thisMonth ? java.time.LocalDate.now(LiveFleet.ZONE).plusDays(1).toString()
                : YearMonth.now(LiveFleet.ZONE).atDay(1).toString();
        String report = distribution.get("/api/stations/lin-baiwen-01/revenue?from=" + from + "&to=" + to, "vc-yaotou");
        long villageFen = Long.parseLong(report.replaceAll("(?s).*\"village\":\"lin-yaotou\"[^}]*\"revenueFen\":(\\d+).*", "$1"));
        assertThat(villageFen).as("the simulated hour earned money").isPositive();
        String yuan = String.format("¥%,d.%02d", villageFen / 100, villageFen % 100);
        assertThat(row.getText()).contains("白文联村电站", "40.00%", yuan);
        assertThat(browser.find(By.id("village-total")).getText()).contains(yuan);
        assertThat(report).contains("\"counterResets\":[{\"device\":\"inv-99\",\"startWh\":800000,\"endWh\":600}]");
        assertThat(report).contains("\"inverterSwaps\":[{\"device\":\"inv-98\"", "\"oldSerial\":\"HV2150000098\"",
                "\"newSerial\":\"HV2199000098\"");
        assertThat(browser.find(By.cssSelector("#revenue .counter-swap")).getText())
                .contains("白文联村电站", "inv-98", "HV2150000098 → HV2199000098", "各按自己的电量计数器计量");
        // the committee is told why the energy is what it is
        assertThat(browser.find(By.cssSelector("#revenue .counter-reset")).getText())
                .contains("白文联村电站", "inv-99", "800,000 → 600 Wh", "更换或复位");
        browser.assertLabelled();
        browser.assertContrast();
        browser.shot("village-revenue-phone");
        browser.size(Browser.DESKTOP);
        browser.shot("village-revenue-desktop");
        // the same page in English, same figures
        browser.button("English").click();
        browser.waitForText(By.tagName("h1"), "Village revenue");
        browser.waitForText(By.id("village-total"), yuan);
        assertThat(browser.find(By.cssSelector("#revenue .counter-reset")).getText()).contains("inv-99", "replaced or reset");
        browser.shot("village-revenue-en-desktop");
        browser.button("中文").click();
        browser.waitForText(By.tagName("h1"), "本村收益");
    }
}
