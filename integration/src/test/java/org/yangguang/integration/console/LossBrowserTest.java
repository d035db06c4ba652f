package org.yangguang.integration.console;

import org.yangguang.testkit.Closing;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.Select;
import org.yangguang.simulator.station.Faults;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What faults cost, end to end and in the browser (issue 15 item 3): a simulated station's inverter trips at noon
 * (simulator → gateway → Mosquitto → collector → InfluxDB, rollups and losses computed by the collector), the real
 * distribution service prices the open episode from the collector's /api/losses, and headless chromium shows it —
 * the operator's repair queue, 曜头村's fault costs, the county's availability report with its PDF and XLSX — in
 * Chinese and English, at desktop and phone width, each figure equal to the service's own answer.
 */
class LossBrowserTest {
    static final String PASSWORD = ConsoleApp.PASSWORD;
    static final String MONTH = YearMonth.now(LiveFleet.ZONE).toString();

    static LiveFleet fleet;
    static ConsoleApp distribution;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        Instant noon = LiveFleet.localNoonToday();
        fleet = LiveFleet.start(noon.minus(LiveFleet.POLL.multipliedBy(12)));
        for (int i = 0; i < 16; i++) {
            if (i == 9) {
                // inverter 2's AC breaker trips at noon: "zero output in daylight", an open episode losing energy
                fleet.simulator().inverter(2).setFaults(Faults.NONE.withZeroOutput(true));
            }
            fleet.poll();
        }
        fleet.settle();
        distribution = ConsoleApp.start(fleet.database(), Map.of("yangguang.collector.url", fleet.collectorUrl(),
                "yangguang.collector.token", LiveFleet.API_TOKEN, "yangguang.losses.scheduled", "false"));
        JsonObject refreshed = new JsonObject(distribution.send("POST", "/api/losses/refresh", "operator", "{}", 200));
        // nothing of this fleet's station is skipped; the suite's shared broker also holds other tests' retained gateway
        // statuses, whose episodes name stations this distribution does not know (skipped, with that reason)
        assertThat(refreshed.getJsonArray("skipped").stream().map(String::valueOf).toList())
                .noneMatch(s -> s.startsWith(LiveFleet.STATION + "/"))
                .allMatch(s -> s.contains("is not in the registry"));
        assertThat(refreshed.getInteger("priced")).isPositive();
        browser = new Browser(distribution.url());
    }

    @AfterAll
    static void stop() throws Exception {
        Closing.inOrder(browser, distribution, fleet);
    }

    /** Fen as the console prints yuan: ¥1,234.56. */
    static String yuan(long fen) {
        return String.format("¥%,d.%02d", fen / 100, Math.abs(fen % 100));
    }

    private static void bothWidths(String name) throws Exception {
        // nothing the page could not fill in leaks as a word
        assertThat(browser.text(By.id("main"))).doesNotContain("null", "undefined", "NaN");
        browser.assertLabelled();
        browser.assertContrast();
        browser.shot(name + "-desktop");
        browser.size(Browser.PHONE);
        browser.shot(name + "-phone");
        browser.size(Browser.DESKTOP);
    }

    @Test
    void theOperatorsRepairQueueRanksTheTrippedInverterByYuanLostPerDay() throws Exception {
        JsonArray queue = new JsonArray(distribution.get("/api/losses/repair-queue", "operator"));
        JsonObject first = queue.getJsonObject(0);
        assertThat(first.getString("station")).isEqualTo(LiveFleet.STATION);
        assertThat(first.getString("device")).isEqualTo("inv-02");
        assertThat(first.getLong("fenPerDay")).isPositive();
        for (Dimension size : new Dimension[]{Browser.DESKTOP, Browser.PHONE}) {
            browser.size(size);
            browser.fresh("/");
            browser.login("operator", PASSWORD, "用户名", "密码", "登录");
            browser.click(By.linkText("抢修队列"));
            By row = By.cssSelector("#repair-table tr[data-episode='" + first.getString("id") + "']");
            browser.waitFor(row);
            assertThat(browser.text(row)).contains("白文联村电站", "inv-02", "白天不发电", yuan(first.getLong("fenPerDay")),
                    "曜头村", "樊家沟村", "兴盛山村");
            browser.button("English").click();
            browser.waitForText(By.tagName("h1"), "Repair queue");
            assertThat(browser.text(row)).contains("no output in daylight", yuan(first.getLong("fenPerDay")));
            browser.button("中文").click();
            browser.waitForText(By.tagName("h1"), "抢修队列");
        }
        browser.size(Browser.DESKTOP);
        bothWidths("loss-repair-queue");
    }

    @Test
    void theCommitteeSeesThisMonthsIncomeAndWhatTheFaultCostItInPlainWords() throws Exception {
        JsonObject mine = new JsonObject(distribution.get("/api/villages/lin-yaotou/losses?month=" + MONTH, "vc-yaotou"));
        assertThat(mine.getLong("lostFen")).isPositive();
        JsonObject fault = mine.getJsonArray("faults").getJsonObject(0);
        for (Dimension size : new Dimension[]{Browser.DESKTOP, Browser.PHONE}) {
            browser.size(size);
            browser.fresh("/");
            browser.login("vc-yaotou", PASSWORD, "用户名", "密码", "登录");
            browser.click(By.linkText("故障损失"));
            browser.waitFor(By.id("fault-list"));
            assertThat(browser.text(By.id("village-lost"))).contains(yuan(mine.getLong("lostFen")));
            assertThat(browser.text(By.id("village-earned"))).contains(mine.getLong("earnedFen") == null ? "—"
                    : yuan(mine.getLong("earnedFen")));
            By item = By.cssSelector("#fault-list li[data-episode='" + fault.getString("id") + "']");
            assertThat(browser.text(item)).contains("白文联村电站", "inv-02", "白天不发电", "至今未修好", "本村少收入",
                    yuan(fault.getLong("villageLostFen")));
            browser.button("English").click();
            browser.waitForText(By.tagName("h1"), "What faults cost us");
            assertThat(browser.text(item)).contains("no output in daylight", "not repaired yet", "the village lost",
                    yuan(fault.getLong("villageLostFen")));
            browser.button("中文").click();
            browser.waitForText(By.tagName("h1"), "故障损失");
        }
        browser.size(Browser.DESKTOP);
        bothWidths("loss-village-faults");
        // the revenue page shows the same loss beside what the village earned this month
        browser.click(By.linkText("本村收益"));
        browser.waitFor(By.id("village-lost-total"));
        browser.waitForText(By.id("village-lost-total"), yuan(mine.getLong("lostFen")));
        assertThat(browser.text(By.cssSelector("#revenue-table tr[data-station='" + LiveFleet.STATION + "']")))
                .contains(yuan(mine.getLong("lostFen")));
        // another village's page is refused by the service, whatever the browser asks
        distribution.send("GET", "/api/villages/lin-fanjiagou/losses?month=" + MONTH, "vc-yaotou", null, 403);
    }

    @Test
    void theCountysAvailabilityReportAgreesWithItsPdfAndSpreadsheetDownloads() throws Exception {
        JsonObject report = new JsonObject(distribution.get("/api/reports/availability?month=" + MONTH, "county"));
        JsonObject baiwen = report.getJsonArray("stations").stream().map(o -> (JsonObject) o)
                .filter(s -> s.getString("station").equals(LiveFleet.STATION)).findFirst().orElseThrow();
        assertThat(baiwen.getLong("lostFen")).isPositive();
        for (Dimension size : new Dimension[]{Browser.DESKTOP, Browser.PHONE}) {
            browser.size(size);
            browser.fresh("/");
            browser.login("county", PASSWORD, "用户名", "密码", "登录");
            browser.click(By.linkText("可用率报告"));
            new Select(browser.inputLabelled("月份")).selectByValue(MONTH);
            By row = By.cssSelector("#stations-table tr[data-station='" + LiveFleet.STATION + "']");
            browser.waitFor(row);
            String text = browser.text(row);
            assertThat(text).contains("白文联村电站", yuan(baiwen.getLong("lostFen")));
            if (baiwen.getValue("availabilityPercent") != null) {
                assertThat(text).contains(String.format("%.2f%%", Double.parseDouble(String.valueOf(baiwen.getValue("availabilityPercent")))));
            }
            assertThat(browser.text(By.id("worst-table"))).contains("白文联村电站");
            assertThat(browser.text(By.id("availability-lost-yuan"))).contains(yuan(report.getLong("lostFen")));
            browser.button("English").click();
            browser.waitForText(By.tagName("h1"), "Monthly availability report");
            new Select(browser.inputLabelled("Month")).selectByValue(MONTH);
            browser.waitForText(row, yuan(baiwen.getLong("lostFen")));
            browser.button("中文").click();
            browser.waitForText(By.tagName("h1"), "月度可用率报告");
        }
        browser.size(Browser.DESKTOP);
        new Select(browser.inputLabelled("月份")).selectByValue(MONTH);
        browser.waitFor(By.cssSelector("#stations-table tr[data-station='" + LiveFleet.STATION + "']"));
        // the buttons download what the service renders: fetched the same way, with the page's token
        for (String ext : new String[]{"pdf", "xlsx"}) {
            browser.button(ext.equals("pdf") ? "下载 PDF" : "下载 Excel").click();
            Object got = browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "fetch('/api/reports/availability.' + arguments[0] + '?month=' + arguments[1], {headers: {Authorization: 'Bearer ' + sessionStorage.getItem('yg.token')}})"
                    + ".then(r => r.arrayBuffer().then(b => done(r.status + ' ' + String.fromCharCode(...new Uint8Array(b).slice(0, 4)))))"
                    + ".catch(e => done(String(e)))", ext, MONTH);
            assertThat(got).isEqualTo(ext.equals("pdf") ? "200 %PDF" : "200 PK\u0003\u0004");
            assertThat(browser.findAll(By.cssSelector("#main [role=alert]"))).as("no download error").isEmpty();
        }
        bothWidths("loss-availability");
    }
}
