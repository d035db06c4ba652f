package org.yangguang.integration.console;

import org.yangguang.testkit.Closing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The money side clicked through in headless chromium against the real distribution service (H2, demo registry):
 * the 曜头村 committee drafts its month's plan and sees a rule violation as it types, publishes it; the township
 * reviewer refuses to return without a reason, then approves; the county returns it with a reason; finance imports a
 * settlement file and sees the bad line; a household opens its QR page. Accessibility is checked on each page.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleWorkflowBrowserTest {
    static final String PASSWORD = ConsoleApp.PASSWORD;
    static final String VILLAGE = "lin-yaotou";       // 白文镇, 40 % of lin-baiwen-01; reviewer township-baiwen
    static final LocalDate TODAY = LocalDate.now(LiveFleet.ZONE);
    static final String MONTH = YearMonth.from(TODAY).toString();

    static ConsoleApp distribution;
    static Browser browser;
    static String household;

    @BeforeAll
    static void start() throws Exception {
        distribution = ConsoleApp.withFreshInflux(Map.of());
        browser = new Browser(distribution.url());

        // cash received this month for the joint station, and one registered household of 曜头村 able to work
        String receipt = distribution.send("POST", "/api/stations/lin-baiwen-01/receipts", "finance", "{\"kind\":\"BENCHMARK\",\"amountFen\":2000000,"
                + "\"receivedOn\":\"" + TODAY + "\",\"reference\":\"BK-UI-1\",\"reason\":\"grid payment\"}", 201);
        assertThat(receipt).contains("BK-UI-1");
        household = "UI" + System.nanoTime() % 1_000_000_000L;
        distribution.send("POST", "/api/villages/" + VILLAGE + "/households", "vc-yaotou", "{\"registrationNo\":\"" + household
                + "\",\"status\":\"REGISTERED_POOR\",\"statusFrom\":\"2016-01-01\",\"bankName\":\"临县农商行\","
                + "\"bankAccount\":\"6228480012345678901\",\"members\":[{\"name\":\"王秀英\",\"idNumber\":\"" + idNumber()
                + "\",\"relation\":\"HEAD\",\"labourCapacity\":\"FULL\"}],\"reason\":\"registered for the UI test\"}", 201);
    }

    @AfterAll
    static void stop() throws Exception {
        Closing.inOrder(browser, distribution);
    }

    @Test
    @Order(1)
    void committeeDraftsThePlanWithRuleViolationsShownAsItTypes() throws Exception {
        browser.size(Browser.DESKTOP);
        browser.fresh("/");
        browser.login("vc-yaotou", PASSWORD, "用户名", "密码", "登录");
        browser.find(By.linkText("分配方案")).click();
        browser.waitFor(By.id("plan-form"));
        WebElement posts = browser.inputLabelled("公益岗位 %");
        WebElement works = browser.inputLabelled("公益性劳务 %");
        WebElement retained = browser.inputLabelled("村集体留存 %");
        posts.clear();
        posts.sendKeys("10");
        works.clear();
        works.sendKeys("30");
        // 国开办司发〔2020〕3号: posts + public works >= 80 %; shown next to the field while typing, saving blocked
        browser.waitForText(By.id("msg-WELFARE_POSTS"), "合计至少 80%");
        assertThat(posts.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.button("保存草稿").isEnabled()).isFalse();
        retained.clear();
        retained.sendKeys("35");
        browser.waitForText(By.id("msg-COLLECTIVE_RETENTION"), "不能超过 30%");
        browser.assertLabelled();
        browser.assertContrast();
        browser.shot("committee-plan-violations");

        works.sendKeys(Keys.BACK_SPACE, Keys.BACK_SPACE, "80");
        retained.clear();
        retained.sendKeys("10");
        browser.waitFor(By.id("plan-ok"));
        assertThat(browser.find(By.id("plan-total")).getText()).contains("100.00%");
        assertThat(posts.getAttribute("aria-invalid")).isNull();
        browser.button("添加明细").click();
        WebElement line = browser.waitFor(By.cssSelector("#plan-form tbody tr"));
        new Select(line.findElement(By.cssSelector("select[name=line-category]"))).selectByValue("PUBLIC_WORKS");
        new Select(line.findElement(By.cssSelector("select[name=line-household]"))).selectByValue(household);
        line.findElement(By.cssSelector("input[name=line-reference]")).sendKeys("修路 5 天");
        browser.button("保存草稿").click();
        browser.waitForText(By.id("plan-state"), "草稿");
        // 40 % of 20,000.00 less O&M 5 % and insurance 0.5 %: 7,562.00, split 10 / 80 / 10 (no post has attendance:
        // the posts' 10 % is carried forward; the lines pay works 88.9 %, retention 11.1 %)
        assertThat(browser.find(By.id("notice")).getText()).contains("¥7,562.00");
        assertThat(browser.find(By.id("plan-lines")).getText()).contains("¥6,049.60", "¥756.20");
        browser.shot("committee-plan-draft");

        browser.button("发布公示").click();
        browser.waitForText(By.id("plan-state"), "公示中");
        // the notice PDF the committee prints and posts: what the button downloads, fetched the same way
        browser.waitFor(By.id("notice-pdf"));
        Object pdf = browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/plans/' + arguments[0] + '/notice.pdf', {headers: {Authorization: 'Bearer ' + sessionStorage.getItem('yg.token')}})"
                + ".then(r => r.arrayBuffer().then(b => done(r.headers.get('content-type') + ' ' + String.fromCharCode(...new Uint8Array(b).slice(0, 4)))))"
                + ".catch(e => done(String(e)))", planId());
        assertThat(pdf).isEqualTo("application/pdf %PDF");
        browser.assertContrast();
        browser.shot("committee-plan-notice");
    }

    @Test
    @Order(2)
    void townshipRefusesToReturnWithoutAReasonThenApproves() throws Exception {
        endNoticeAndSubmit();
        browser.size(Browser.PHONE);
        browser.fresh("/");
        browser.login("township-baiwen", PASSWORD, "用户名", "密码", "登录");
        WebElement card = browser.waitFor(By.cssSelector("section.plan"));
        assertThat(card.getText()).contains("曜头村", MONTH, "乡镇审核", "¥7,562.00");
        browser.assertLabelled();
        browser.assertContrast();
        browser.shot("township-review-phone");
        browser.button("退回").click();
        browser.waitForText(By.cssSelector("section.plan [role=alert]"), "退回必须写明理由");
        browser.inputLabelled("审核意见（退回时必填）").sendKeys("同意");
        browser.button("通过").click();
        browser.waitFor(By.id("nothing-waiting"));
        assertThat(distribution.send("GET", "/api/villages/" + VILLAGE + "/plans", "auditor", null, 200)).contains("COUNTY_APPROVAL");
    }

    @Test
    @Order(3)
    void countyReturnsWithAReason() throws Exception {
        browser.size(Browser.DESKTOP);
        browser.fresh("/");
        browser.login("county", PASSWORD, "用户名", "密码", "登录");
        browser.waitFor(By.cssSelector("section.plan"));
        browser.inputLabelled("审核意见（退回时必填）").sendKeys("公益性劳务明细缺少考勤依据，请补充");
        browser.shot("county-review-desktop");
        browser.button("退回").click();
        browser.waitFor(By.id("nothing-waiting"));
        String plans = distribution.send("GET", "/api/villages/" + VILLAGE + "/plans", "auditor", null, 200);
        assertThat(plans).contains("\"state\":\"DRAFT\"", "公益性劳务明细缺少考勤依据");
    }

    @Test
    @Order(4)
    void financeImportsASettlementFileAndSeesTheBadLine() throws Exception {
        browser.size(Browser.DESKTOP);
        browser.fresh("/");
        browser.login("finance", PASSWORD, "用户名", "密码", "登录");
        browser.waitFor(By.id("arrears-table"));
        String csv = "station,statement_no,period_start,period_end,on_grid_kwh,benchmark_yuan,tax_yuan\n"
                + "lin-baiwen-01,GS-UI-001," + TODAY.withDayOfMonth(1) + "," + TODAY + ",1000.000,332.00,0.00\n"
                + "lin-baiwen-01,GS-UI-002,2026-13-01," + TODAY + ",1000.000,332.00,0.00\n";
        browser.inputLabelled("或粘贴内容").sendKeys(csv);
        browser.button("导入").click();
        // a file with a bad line imports nothing and names the line; the corrected file goes in whole
        browser.waitForText(By.id("import-summary"), "整个文件未导入");
        assertThat(browser.find(By.id("import-summary")).getText()).isEqualTo("1 行有误，整个文件未导入。");
        WebElement error = browser.waitFor(By.cssSelector("#import-errors tbody tr"));
        assertThat(error.getText()).startsWith("3").contains("period_start");
        WebElement pasted = browser.inputLabelled("或粘贴内容");
        pasted.clear();
        pasted.sendKeys(csv.substring(0, csv.indexOf("lin-baiwen-01,GS-UI-002")));
        browser.button("导入").click();
        browser.waitForText(By.id("import-summary"), "新增");
        assertThat(browser.find(By.id("import-summary")).getText()).isEqualTo("新增 1 行，未变 0 行，拒绝 0 行。");
        // arrears: 1,000 kWh x (0.85 - 0.332) = 518.00 yuan of subsidy expected, none received
        browser.waitForText(By.cssSelector("#arrears-table tr[data-station='lin-baiwen-01']"), "¥518.00");
        browser.assertLabelled();
        browser.assertContrast();
        browser.shot("finance-import-desktop");
        browser.size(Browser.PHONE);
        browser.shot("finance-import-phone");
    }

    @Test
    @Order(7)
    void householdOpensItsQrPageWithoutLoginAndSeesItsPayment() throws Exception {
        String issued = distribution.send("POST", "/api/households/" + household + "/qr", "vc-yaotou", "{\"reason\":\"QR card printed\"}", 200, 201);
        String url = issued.replaceAll("(?s).*\"url\":\"([^\"]+)\".*", "$1");
        String token = url.substring(url.lastIndexOf('/') + 1);
        browser.size(Browser.PHONE);
        browser.fresh("/#/h/" + token);
        browser.waitFor(By.id("household-total"));
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("我家的收益");
        // paid in the finance test above: this household's public-works line, and nothing of anyone else
        assertThat(browser.find(By.id("household-total")).getText()).contains("¥6,049.60");
        assertThat(browser.findAll(By.cssSelector("#household-payments li"))).hasSize(1);
        assertThat(browser.find(By.id("household-payments")).getText()).contains(MONTH, "公益性劳务", "已到账");
        // whoever used this browser before: no name, no menu on the household's page
        assertThat(browser.find(By.id("nav")).getText()).isEmpty();
        assertThat(browser.find(By.id("logout")).isDisplayed()).isFalse();
        double size = Double.parseDouble(String.valueOf(browser.js("return parseFloat(getComputedStyle(document.body).fontSize)")));
        assertThat(size).as("large text").isGreaterThanOrEqualTo(20);
        browser.assertContrast();
        browser.shot("household-phone");
        browser.fresh("/#/h/not-a-real-token");
        browser.waitForText(By.cssSelector("[role=alert]"), "二维码无效");
    }

    @Test
    @Order(5)
    void financePaysTheApprovedPlanAndReconciles() throws Exception {
        // the committee publishes the returned plan again; it passes notice, township and county (through the API)
        String id = planId();
        distribution.send("POST", "/api/plans/" + id + "/transitions", "vc-yaotou", "{\"transition\":\"PUBLISH\",\"reason\":\"补充考勤后重新公示\"}", 200);
        endNoticeAndSubmit();
        distribution.send("POST", "/api/plans/" + id + "/transitions", "township-baiwen", "{\"transition\":\"TOWNSHIP_APPROVE\",\"reason\":\"同意\"}", 200);
        distribution.send("POST", "/api/plans/" + id + "/transitions", "county", "{\"transition\":\"COUNTY_APPROVE\",\"reason\":\"批准\"}", 200);

        browser.size(Browser.DESKTOP);
        browser.fresh("/");
        browser.login("finance", PASSWORD, "用户名", "密码", "登录");
        browser.button("从已批准方案生成支付批次").click();
        WebElement title = browser.waitFor(By.id("batch-title"));
        String batch = title.getAttribute("data-batch");
        WebElement paid = browser.waitFor(By.xpath("//table[@id='batch-lines']//tr[td[contains(., '公益性劳务')]]"));
        assertThat(paid.getText()).contains("¥6,049.60", "已发银行");
        String lineId = paid.findElement(By.cssSelector("td")).getText();
        // the bank file the buttons download holds the line
        assertThat(distribution.send("GET", "/api/payments/batches/" + batch + "/bank-file.csv", "finance", null, 200)).contains("6049.60");
        browser.shot("finance-batch-built");

        StringBuilder results = new StringBuilder("line_id,result,bank_reference,message\n");
        for (WebElement row : browser.findAll(By.cssSelector("#batch-lines tbody tr"))) {
            results.append(row.findElement(By.cssSelector("td")).getText()).append(",PAID,BK").append(lineId).append("-")
                    .append(row.findElement(By.cssSelector("td")).getText()).append(",ok\n");
        }
        browser.inputLabelled("银行回单（CSV）").sendKeys(results);
        browser.button("导入回单").click();
        browser.waitForText(By.cssSelector("#batch-lines"), "已支付");
        long totalFen = Long.parseLong(distribution.send("GET", "/api/payments/batches/" + batch, "finance", null, 200)
                .replaceAll("(?s).*\"totalFen\":(\\d+).*", "$1"));
        browser.inputLabelled("专户扣款金额（分）").sendKeys(String.valueOf(totalFen));
        browser.inputLabelled("对账单号").sendKeys("ZH-" + MONTH);
        browser.button("对账").click();
        browser.waitFor(By.cssSelector("#batch-title[data-state='RECONCILED']"));
        browser.assertLabelled();
        browser.assertContrast();
        browser.shot("finance-batch-reconciled");
    }

    static String planId() throws Exception {
        String plans = distribution.send("GET", "/api/villages/" + VILLAGE + "/plans", "vc-yaotou", null, 200);
        return plans.replaceAll("(?s)^\\[\\{\"id\":(\\d+),.*", "$1");
    }

    /** The 7-day public notice has run (the stored dates are moved back) and the committee submits the plan. */
    static void endNoticeAndSubmit() throws Exception {
        // the service's in-memory H2 database, opened by name from the same JVM
        try (Connection c = DriverManager.getConnection(distribution.jdbcUrl, "sa", "");
             PreparedStatement s = c.prepareStatement("UPDATE plan SET notice_start = ?, notice_end = ? WHERE period = ? AND state = 'NOTICE'")) {
            s.setObject(1, TODAY.minusDays(9));
            s.setObject(2, TODAY.minusDays(1));
            s.setString(3, MONTH);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        distribution.send("POST", "/api/plans/" + planId() + "/transitions", "vc-yaotou", "{\"transition\":\"SUBMIT\",\"reason\":\"公示期满无异议\"}", 200);
    }

    /** A valid resident ID number (GB 11643 check digit), born 1970, Lin County area code. */
    static String idNumber() {
        String base = "141124" + "19700101" + String.format("%03d", (int) (System.nanoTime() % 1000));
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (base.charAt(i) - '0') * w[i];
        }
        return base + "10X98765432".charAt(sum % 11);
    }
}
