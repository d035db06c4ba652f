package org.yangguang.integration.console;

import org.yangguang.testkit.Closing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's story clicked through in headless chromium against the real distribution service seeded as
 * ./yangguang demo seeds it (demo/county.yaml with its history, H2) and with a demo notice of a few seconds: a
 * household opens the page its QR code links to; a committee registers a household with its members and prints their
 * QR cards; finance records the 专户's receipts in a form; and this month's plan walks from draft to the household's
 * page — committee drafts and publishes, the notice runs out, township and county approve, finance builds the batch,
 * downloads the bank file, imports the results and reconciles. Each form is submitted the way a person does, at
 * desktop (1366×900) and phone (390) width, in Chinese and English; accessibility is checked on each page.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoWalkBrowserTest {
    static final String PASSWORD = ConsoleApp.PASSWORD;
    static final LocalDate TODAY = LocalDate.now(LiveFleet.ZONE);
    static final String MONTH = YearMonth.from(TODAY).toString();
    static final Duration NOTICE = Duration.ofSeconds(5);

    static ConsoleApp distribution;
    static Browser browser;
    static Path links;

    @BeforeAll
    static void start() throws Exception {
        links = Files.createTempFile("yg-demo-links", ".txt");
        distribution = ConsoleApp.withFreshInflux(Map.of("yangguang.demo.history", "true",
                "yangguang.demo.links-file", links.toString(),
                "yangguang.workflow.notice-duration", "PT" + NOTICE.toSeconds() + "S"));
        browser = new Browser(distribution.url());
    }

    @AfterAll
    static void stop() throws Exception {
        Closing.inOrder(browser, distribution, () -> Files.deleteIfExists(links));
    }

    /** The QR link of a demo household, from the file the demo writes. */
    static String link(String household) throws Exception {
        return Files.readAllLines(links).stream().filter(l -> l.startsWith(household + " ")).findFirst().orElseThrow()
                .split(" ")[2];
    }

    static String path(String url) {
        return url.substring(url.indexOf("/h/"));
    }

    void login(String user, boolean english) throws Exception {
        try {
            if (english) {
                browser.click(By.id("lang"));
                browser.login(user, PASSWORD, "User name", "Password", "Log in");
            } else {
                browser.login(user, PASSWORD, "用户名", "密码", "登录");
            }
        } catch (RuntimeException e) {
            browser.shot("demo-walk-login-failed-" + user);
            throw new AssertionError("login of " + user + " failed; the page says: "
                    + browser.find(By.tagName("main")).getText(), e);
        }
    }

    @Test
    @Order(1)
    void theQrCodeOpensTheHouseholdsOwnPage() throws Exception {
        String page = path(link("LY-001"));
        for (boolean english : List.of(false, true)) {
            for (Dimension size : List.of(Browser.PHONE, Browser.DESKTOP)) {
                browser.size(size);
                browser.fresh(page + (english ? "?lang=en" : ""));
                browser.waitFor(By.id("household-total"));
                assertThat(browser.find(By.tagName("h1")).getText())
                        .isEqualTo(english ? "Our household's solar income" : "我家的光伏收益");
                assertThat(browser.find(By.tagName("html")).getAttribute("lang")).isEqualTo(english ? "en" : "zh-CN");
                // the past months the demo paid: wages and public works of this household only, names masked
                assertThat(browser.find(By.id("household-total")).getText()).contains("¥");
                List<WebElement> payments = browser.findAll(By.cssSelector("#household-payments li"));
                assertThat(payments).isNotEmpty();
                assertThat(browser.find(By.id("household-payments")).getText())
                        .contains(english ? "Paid" : "已到账", YearMonth.from(TODAY).minusMonths(1).toString());
                assertThat(browser.find(By.id("household-who")).getText()).contains("曜头村").doesNotContain("王秀英")
                        .doesNotContain("LY-002");
                assertThat(browser.find(By.id("ledger-head")).getText()).contains("#");
                assertThat(browser.findAll(By.id("nav"))).isEmpty();
                double font = Double.parseDouble(String.valueOf(
                        browser.js("return parseFloat(getComputedStyle(document.body).fontSize)")));
                assertThat(font).as("large text").isGreaterThanOrEqualTo(20);
                if (size.equals(Browser.PHONE)) {
                    long overflow = ((Number) browser.js(
                            "return document.documentElement.scrollWidth - window.innerWidth")).longValue();
                    assertThat(overflow).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0);
                }
                browser.assertLabelled();
                browser.assertContrast();
                browser.shot("household-qr-page-" + (english ? "en" : "zh") + "-" + size.width);
            }
        }
        // the language switch is a link the household can press
        browser.size(Browser.PHONE);
        browser.fresh(page);
        browser.click(By.id("lang"));
        browser.waitForText(By.tagName("h1"), "Our household's solar income");
        browser.fresh("/h/not-a-token.x");
        browser.waitForText(By.cssSelector("[role=alert]"), "二维码无效");
    }

    @Test
    @Order(2)
    void aCommitteeRegistersAHouseholdAndPrintsItsMembersCards() throws Exception {
        record Case(String user, String no, boolean english, Dimension size, String village) {
        }
        for (Case c : List.of(new Case("vc-yaotou", "LY-101", false, Browser.DESKTOP, "曜头村"),
                new Case("vc-fanjiagou", "LF-101", true, Browser.PHONE, "樊家沟村"))) {
            browser.size(c.size());
            browser.fresh("/");
            login(c.user(), c.english());
            browser.click(By.cssSelector("#nav a[href='#/households']"));
            browser.waitFor(By.id("register-form"));
            boolean en = c.english();
            browser.inputLabelled(en ? "Household number" : "户编号").sendKeys(c.no());
            browser.inputLabelled(en ? "Bank account (of the head)" : "银行账号（户主）").sendKeys("6228480099990" + c.no().substring(3));
            List<WebElement> names = browser.findAll(By.cssSelector("#register-members input[name$='.name']"));
            names.get(0).sendKeys("李春生");
            // a wrong ID number: the service names the field, the form marks it and says why
            browser.find(By.cssSelector("input[name='members[0].idNumber']")).sendKeys("141124197001011234");
            browser.click(By.cssSelector("#register-form button[type=submit]"));
            browser.waitFor(By.cssSelector("#register-result [role=alert]"));
            assertThat(browser.text(By.id("register-result")))
                    .isEqualTo(en ? "The resident ID is wrong (18 characters, the last a check digit)" : "身份证号不对（18 位，最后一位校验码）");
            assertThat(browser.attribute(By.cssSelector("input[name='members[0].idNumber']"), "aria-invalid"))
                    .isEqualTo("true");
            WebElement id = browser.find(By.cssSelector("input[name='members[0].idNumber']"));
            id.clear();
            id.sendKeys(ConsoleWorkflowBrowserTest.idNumber());
            browser.button(en ? "Add a member" : "添加成员").click();
            browser.waitFor(By.cssSelector("input[name='members[1].name']")).sendKeys("李小花");
            Thread.sleep(2);    // another nanoTime for another ID number
            browser.find(By.cssSelector("input[name='members[1].idNumber']")).sendKeys(ConsoleWorkflowBrowserTest.idNumber());
            new Select(browser.find(By.cssSelector("select[name='members[1].relation']"))).selectByValue("DAUGHTER");
            new Select(browser.find(By.cssSelector("select[name='members[1].labourCapacity']"))).selectByValue("NONE");
            browser.assertLabelled();
            browser.assertContrast();
            browser.shot("committee-register-" + (en ? "en" : "zh") + "-" + c.size().width);
            browser.click(By.cssSelector("#register-form button[type=submit]"));
            browser.waitForText(By.id("register-done"), c.no());
            WebElement row = browser.waitFor(By.cssSelector("#household-list tr[data-household='" + c.no() + "']"));
            assertThat(row.getText()).contains(c.no(), "2");
            String members = distribution.get("/api/households/" + c.no(), "auditor");
            assertThat(members).contains("DAUGHTER", "\"labourCapacity\":\"NONE\"");

            // print the members' cards: the button's request answers a PDF with a card for each of the two members
            row.findElement(By.cssSelector("button[name=qr-sheet]")).click();
            browser.waitForText(By.id("qr-done"), c.no());
            Object pdf = browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "fetch('/api/households/' + arguments[0] + '/qr-sheet', {method: 'POST', headers: {'Content-Type':"
                    + " 'application/json', Authorization: 'Bearer ' + sessionStorage.getItem('yg.token')}, body:"
                    + " JSON.stringify({reason: 'reprint'})}).then(r => r.arrayBuffer().then(b => done(r.headers.get("
                    + "'content-type') + ' ' + String.fromCharCode(...new Uint8Array(b).slice(0, 4)) + ' ' + b.byteLength)))"
                    + ".catch(e => done(String(e)))", c.no());
            assertThat(String.valueOf(pdf)).startsWith("application/pdf %PDF");
            browser.shot("committee-households-" + (en ? "en" : "zh") + "-" + c.size().width);
        }
    }

    @Test
    @Order(3)
    void financeRecordsTheAccountsReceiptsInAForm() throws Exception {
        record Case(boolean english, Dimension size, String voucher, String amount, String shown) {
        }
        for (Case c : List.of(new Case(false, Browser.DESKTOP, "BK-UI-" + MONTH + "-A", "1,234.56", "¥1,234.56"),
                new Case(true, Browser.PHONE, "BK-UI-" + MONTH + "-B", "88.8", "¥88.80"))) {
            boolean en = c.english();
            browser.size(c.size());
            browser.fresh("/");
            login("finance", en);
            browser.waitFor(By.id("receipt-form"));
            new Select(browser.inputLabelled(en ? "Station" : "电站")).selectByValue("lin-wangjiayu-01");
            new Select(browser.inputLabelled(en ? "Kind" : "类别")).selectByValue("SUBSIDY");
            WebElement amount = browser.inputLabelled(en ? "Amount (yuan)" : "金额（元）");
            amount.sendKeys("12.345");
            browser.inputLabelled(en ? "Bank voucher" : "银行凭证号").sendKeys(c.voucher());
            browser.click(By.cssSelector("#receipt-form button[type=submit]"));
            browser.waitFor(By.cssSelector("#receipt-result [role=alert]"));
            assertThat(amount.getAttribute("aria-invalid")).isEqualTo("true");
            amount.clear();
            amount.sendKeys(c.amount());
            WebElement payer = browser.inputLabelled(en ? "Payer" : "付款方");
            payer.clear();
            payer.sendKeys("临县财政局");
            browser.assertLabelled();
            browser.assertContrast();
            browser.click(By.cssSelector("#receipt-form button[type=submit]"));
            browser.waitForText(By.id("receipt-done"), c.shown());
            browser.waitForText(By.id("receipts-table"), c.voucher());
            browser.shot("finance-receipt-" + (en ? "en" : "zh") + "-" + c.size().width);
            String money = distribution.get("/api/stations/lin-wangjiayu-01/settlement", "finance");
            assertThat(money).contains(c.voucher());
        }
    }

    @Test
    @Order(4)
    void thisMonthsPlanWalksFromDraftToTheHouseholdsPage() throws Exception {
        // 1. the committee drafts this month's plan: percents, a public-works line; the wages come from attendance
        browser.size(Browser.DESKTOP);
        browser.fresh("/");
        login("vc-yaotou", false);
        browser.click(By.cssSelector("#nav a[href='#/plans']"));
        browser.waitFor(By.id("plan-form"));
        for (Map.Entry<String, String> p : Map.of("公益岗位 %", "40", "公益性劳务 %", "47", "小型公益事业 %", "5",
                "奖励补助 %", "5", "村集体留存 %", "3").entrySet()) {
            WebElement in = browser.inputLabelled(p.getKey());
            in.clear();
            in.sendKeys(p.getValue());
        }
        browser.waitFor(By.id("plan-ok"));
        browser.button("添加明细").click();
        WebElement line = browser.waitFor(By.cssSelector("#plan-form tbody tr"));
        new Select(line.findElement(By.cssSelector("select[name=line-category]"))).selectByValue("PUBLIC_WORKS");
        new Select(line.findElement(By.cssSelector("select[name=line-household]"))).selectByValue("LY-001");
        line.findElement(By.cssSelector("input[name=line-reference]")).sendKeys("村道清扫 5 天");
        // a project line: the small public-welfare project the township accepted, paid to its contractor
        browser.button("添加明细").click();
        WebElement projectLine = browser.waitFor(By.cssSelector("#plan-form tbody tr:nth-of-type(2)"));
        new Select(projectLine.findElement(By.cssSelector("select[name=line-category]"))).selectByValue("SMALL_PROJECTS");
        Select project = new Select(projectLine.findElement(By.cssSelector("select[name=line-project]")));
        project.getOptions().stream().filter(o -> o.getText().contains("村道路灯维修")).findFirst().orElseThrow().click();
        projectLine.findElement(By.cssSelector("input[name=line-amount]")).sendKeys("200");
        projectLine.findElement(By.cssSelector("input[name=line-reference]")).sendKeys("路灯维修尾款");
        browser.button("保存草稿").click();
        browser.waitForText(By.id("plan-state"), "草稿");
        String plan = distribution.get("/api/villages/lin-yaotou/plans", "vc-yaotou");
        assertThat(plan).contains("\"period\":\"" + MONTH + "\"", "\"kind\":\"WAGE\"", "\"kind\":\"PROJECT\"");

        // 2. published; the console says the notice is a demo setting, and when it ends
        browser.button("发布公示").click();
        browser.waitForText(By.id("plan-state"), "公示中");
        browser.waitForText(By.id("demo-notice-setting"), "演示设置");
        assertThat(browser.find(By.id("demo-notice-setting")).getText()).contains("公示期 5 秒", "7 天");
        browser.shot("walk-1-published");
        // the notice runs its (demo) length; then the committee submits it to the township
        Thread.sleep(NOTICE.toMillis() + 500);
        browser.button("提交乡镇审核").click();
        browser.waitForText(By.id("plan-state"), "乡镇审核");

        // 3. the township (on a phone) and the county approve
        browser.size(Browser.PHONE);
        browser.fresh("/");
        login("township-baiwen", false);
        browser.waitFor(By.cssSelector("section.plan"));
        browser.inputLabelled("审核意见（退回时必填）").sendKeys("同意");
        browser.button("通过").click();
        browser.waitFor(By.id("nothing-waiting"));
        browser.size(Browser.DESKTOP);
        browser.fresh("/");
        login("county", false);
        browser.waitFor(By.cssSelector("section.plan"));
        browser.inputLabelled("审核意见（退回时必填）").sendKeys("批准");
        browser.button("通过").click();
        browser.waitFor(By.id("nothing-waiting"));

        // 4. finance builds the batch, takes the bank file, imports the bank's answer and reconciles
        browser.fresh("/");
        login("finance", false);
        browser.button("从已批准方案生成支付批次").click();
        WebElement title = browser.waitFor(By.id("batch-title"));
        String batch = title.getAttribute("data-batch");
        browser.button("下载银行文件 CSV").click();
        String bankFile = distribution.send("GET", "/api/payments/batches/" + batch + "/bank-file.csv", "finance", null, 200);
        List<WebElement> rows = browser.findAll(By.cssSelector("#batch-lines tbody tr"));
        assertThat(rows).isNotEmpty();
        StringBuilder results = new StringBuilder("line_id,result,bank_reference,message\n");
        for (WebElement row : rows) {
            String id = row.findElement(By.cssSelector("td")).getText();
            assertThat(bankFile).contains(id);
            results.append(id).append(",PAID,YH-UI-").append(id).append(",\n");
        }
        browser.inputLabelled("银行回单（CSV）").sendKeys(results);
        browser.button("导入回单").click();
        browser.waitForText(By.cssSelector("#batch-lines"), "已支付");
        long totalFen = Long.parseLong(distribution.send("GET", "/api/payments/batches/" + batch, "finance", null, 200)
                .replaceAll("(?s).*\"totalFen\":(\\d+).*", "$1"));
        browser.inputLabelled("专户扣款金额（分）").sendKeys(String.valueOf(totalFen));
        browser.inputLabelled("对账单号").sendKeys("ZH-UI-" + MONTH);
        browser.button("对账").click();
        browser.waitFor(By.cssSelector("#batch-title[data-state='RECONCILED']"));
        browser.shot("walk-4-reconciled");

        // 5. the household's page shows this month's payment
        browser.size(Browser.PHONE);
        browser.fresh(path(link("LY-001")));
        browser.waitFor(By.id("household-payments"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d ->
                d.findElement(By.id("household-payments")).getText().contains(MONTH + " · 公益性劳务"));
        assertThat(browser.find(By.id("household-payments")).getText()).contains(MONTH + " · 公益岗位工资");
        browser.assertContrast();
        browser.shot("walk-5-household");
        assertThat(distribution.get("/api/ledger/verify", "auditor")).contains("\"ok\":true");
    }

    @Test
    @Order(5)
    void aHouseholdObjectsFromItsPageWhileAPlanIsOnNotice() throws Exception {
        // 王家峪村's plan of this month, published (through the API: the committee's pages are walked above)
        String plan = distribution.send("POST", "/api/villages/lin-wangjiayu/plans", "vc-wangjiayu", "{\"period\":\"" + MONTH
                + "\",\"categories\":[{\"code\":\"WELFARE_POSTS\",\"percent\":40},{\"code\":\"PUBLIC_WORKS\",\"percent\":60}],"
                + "\"lines\":[{\"category\":\"PUBLIC_WORKS\",\"registrationNo\":\"LW-001\",\"weight\":1,\"basis\":\"LABOUR\","
                + "\"reference\":\"光伏板清洗\"}],\"reason\":\"本月方案\"}", 201);
        String id = plan.replaceAll("(?s)^\\{\"id\":(\\d+),.*", "$1");
        distribution.send("POST", "/api/plans/" + id + "/transitions", "vc-wangjiayu",
                "{\"transition\":\"PUBLISH\",\"reason\":\"张贴公示\"}", 200);
        String page = path(link("LW-001"));
        record Case(boolean english, Dimension size, String text, String state) {
        }
        for (Case c : List.of(new Case(false, Browser.PHONE, "我家清洗了 6 天，不是 4 天", "待处理"),
                new Case(true, Browser.DESKTOP, "We cleaned the panels for 6 days", "Open"))) {
            browser.size(c.size());
            browser.fresh(page + (c.english() ? "?lang=en" : ""));
            WebElement text = browser.inputLabelled(c.english()
                    ? "If you disagree with the plan on public notice in your village, say why:"
                    : "对本村正在公示的分配方案有异议，请写明：");
            text.sendKeys(c.text());
            browser.click(By.cssSelector("form button[type=submit]"));
            // the answer is the household's page again, with the objection on it
            browser.waitForText(By.id("household-objections"), c.text());
            assertThat(browser.find(By.id("household-objections")).getText()).contains(c.state());
            browser.assertLabelled();
            browser.assertContrast();
            browser.shot("household-objection-" + (c.english() ? "en" : "zh") + "-" + c.size().width);
        }
        assertThat(distribution.get("/api/plans/" + id, "vc-wangjiayu")).contains("我家清洗了 6 天，不是 4 天");
    }
}
