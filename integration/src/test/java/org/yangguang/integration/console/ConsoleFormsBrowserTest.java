package org.yangguang.integration.console;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.yangguang.simulator.station.Faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every form of every role submitted the way a person does it, at a desktop (1366×900) and a phone (390 px) width, in
 * Chinese and in English (issue 14, item 3): the login form (a wrong password first); finance records the cash
 * received; the 曜头村 committee drafts a plan with a public-works line, a project line (小型公益事业, an amount of its
 * own) and the wage line its post's attendance makes, publishes it, records an objection and proposes its resolution;
 * the township signs the resolution off; the committee submits once the notice is over; the township cannot return
 * without a reason, then approves; the county returns with a reason, and approves the plan that comes back; finance
 * imports a settlement file (a bad line first), builds the batch, downloads the bank file, imports the bank's results
 * and reconciles; the operator acknowledges an alarm. Each screen is checked for one language: no enum names, no
 * framework or service English in a Chinese page.
 *
 * <p>One real station (simulator → gateway → Mosquitto → collector → InfluxDB) serves every walk; each walk has its
 * own distribution service (H2), so each starts from the same county.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleFormsBrowserTest {
    static final String PASSWORD = ConsoleApp.PASSWORD;
    static final String VILLAGE = "lin-yaotou";
    static final LocalDate TODAY = LocalDate.now(LiveFleet.ZONE);
    static final String MONTH = YearMonth.from(TODAY).toString();
    /** Text that must never reach a user: enum names, framework and service English. */
    static final Pattern RAW = Pattern.compile("\\b(DRAFT|NOTICE|TOWNSHIP_REVIEW|COUNTY_APPROVAL|PAYABLE|LABOUR|REVIEWED_APPLICATION"
            + "|HEAD|CADRE_SALARY|OFFICE_COSTS|DEBT_REPAYMENT|WELFARE_POSTS|PUBLIC_WORKS|SMALL_PROJECTS|IN_BATCH)\\b"
            + "|Failed to convert|Cannot deserialize|not specified|Expected one of");
    /** The service's and the collector's English sentences: fine on an English screen, never on a Chinese one. */
    static final Pattern SERVICE_ENGLISH = Pattern.compile("every change needs|median output|above the horizon|no attendance for"
            + "|plan line \\d|lost its MQTT|fault code");
    static final Pattern CJK = Pattern.compile("[\\u4e00-\\u9fff]");
    /** Three lower-case English words in a row: a sentence of English in a Chinese screen. */
    static final Pattern ENGLISH_SENTENCE = Pattern.compile("\\b[a-z]{3,} [a-z]{2,} [a-z]{3,}\\b");

    LiveFleet fleet;

    /** A screen: language and width. */
    record Screen(String lang, Dimension size, String name) {
        boolean en() {
            return lang.equals("en");
        }

        String t(String zh, String english) {
            return en() ? english : zh;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Screen> screens() {
        return Stream.of(new Screen("zh-CN", Browser.DESKTOP, "zh-desktop"), new Screen("zh-CN", Browser.PHONE, "zh-phone"),
                new Screen("en", Browser.DESKTOP, "en-desktop"), new Screen("en", Browser.PHONE, "en-phone"));
    }

    @BeforeAll
    void startFleet() throws Exception {
        Instant noon = LiveFleet.localNoonToday();
        fleet = LiveFleet.start(noon.minus(LiveFleet.POLL.multipliedBy(12)));
        for (int i = 0; i < 13; i++) {
            if (i == 9) {
                // inverter 2's AC breaker trips: "zero output in daylight" for the operator to acknowledge
                fleet.simulator().inverter(2).setFaults(Faults.NONE.withZeroOutput(true));
            }
            fleet.poll();
        }
        fleet.settle();
    }

    @AfterAll
    void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("screens")
    void everyRoleSubmitsEveryFormOfItsPath(Screen s) throws Exception {
        try (ConsoleApp app = ConsoleApp.start(fleet.database(), Map.of("yangguang.collector.url", fleet.collectorUrl(),
                "yangguang.collector.token", LiveFleet.API_TOKEN));
             Browser b = new Browser(app.url())) {
            b.size(s.size());
            Walk w = new Walk(app, b, s);
            w.setUpVillage();
            w.anEmptyPlanIsPublishedOnlyOnASecondClick();
            w.financeRecordsTheCashReceived();
            w.committeeDraftsAndPublishes();
            w.objectionIsRecordedProposedAndSignedOff();
            w.committeeSubmitsAfterTheNotice();
            w.townshipApproves();
            w.countyReturnsThenApproves();
            w.financePays();
            w.operatorAcknowledgesAnAlarm();
        }
    }

    /** One walk through every role's forms on one screen. */
    static final class Walk {
        final ConsoleApp app;
        final Browser b;
        final Screen s;
        String household;
        long projectId;

        Walk(ConsoleApp app, Browser b, Screen s) {
            this.app = app;
            this.b = b;
            this.s = s;
        }

        /** What the village has before the month's plan: a household able to work, its post, a project. */
        void setUpVillage() throws Exception {
            household = "UF" + System.nanoTime() % 1_000_000_000L;
            String registered = app.send("POST", "/api/villages/" + VILLAGE + "/households", "vc-yaotou", "{\"registrationNo\":\""
                    + household + "\",\"status\":\"REGISTERED_POOR\",\"statusFrom\":\"2016-01-01\",\"bankName\":\"临县农商行\","
                    + "\"bankAccount\":\"6228480012345678901\",\"members\":[{\"name\":\"王秀英\",\"idNumber\":\""
                    + ConsoleWorkflowBrowserTest.idNumber() + "\",\"relation\":\"HEAD\",\"labourCapacity\":\"FULL\"}],"
                    + "\"reason\":\"registered for the forms test\"}", 201);
            long member = Long.parseLong(registered.replaceAll("(?s).*\"members\":\\[\\{\"id\":(\\d+).*", "$1"));
            String post = app.send("POST", "/api/villages/" + VILLAGE + "/posts", "vc-yaotou", "{\"type\":\"CLEANER\",\"holderMemberId\":"
                    + member + ",\"monthlyWageFen\":60000,\"termStart\":\"" + TODAY.withDayOfYear(1) + "\",\"termEnd\":\""
                    + TODAY.withDayOfYear(1).plusYears(1).minusDays(1) + "\",\"reason\":\"village cleaner\"}", 201);
            long postId = Long.parseLong(post.replaceAll("(?s)^\\{\"id\":(\\d+).*", "$1"));
            app.send("POST", "/api/posts/" + postId + "/attendance", "vc-yaotou", "{\"period\":\"" + MONTH
                    + "\",\"daysWorked\":20,\"daysRequired\":22,\"reason\":\"attendance sheet\"}", 201);
            String project = app.send("POST", "/api/villages/" + VILLAGE + "/projects", "vc-yaotou", "{\"name\":\"村道修补\","
                    + "\"payeeKind\":\"CONTRACTOR\",\"payeeName\":\"白文建筑队\",\"bankName\":\"临县农商行\","
                    + "\"bankAccount\":\"6228480099887766554\",\"budgetFen\":100000,\"reason\":\"road repair\"}", 201);
            projectId = Long.parseLong(project.replaceAll("(?s)^\\{\"id\":(\\d+).*", "$1"));
            // accepted (验收) by the township, so that finance may pay it
            app.send("POST", "/api/projects/" + projectId + "/acceptance", "township-baiwen", "{\"acceptedOn\":\"" + TODAY
                    + "\",\"reference\":\"YS-1\",\"reason\":\"accepted on site\"}", 200, 201);
        }

        boolean triedAWrongPassword;

        /**
         * The login form: the first time a wrong password, which it refuses in the screen's language (once a walk:
         * the service slows down an address that fails often); then the right one leads home.
         */
        void login(String user) {
            b.fresh("/", s.lang());
            b.waitFor(By.id("login-form"));
            b.inputLabelled(s.t("用户名", "User name")).sendKeys(user);
            if (!triedAWrongPassword) {
                triedAWrongPassword = true;
                b.inputLabelled(s.t("密码", "Password")).sendKeys("not-the-password-1");
                b.button(s.t("登录", "Log in")).click();
                b.waitForText(By.cssSelector("#login-form [role=alert]"), s.t("用户名或密码不对", "Wrong user name or password"));
                b.inputLabelled(s.t("密码", "Password")).clear();
            }
            b.inputLabelled(s.t("密码", "Password")).sendKeys(PASSWORD);
            b.button(s.t("登录", "Log in")).click();
            b.waitFor(By.id("logout"));
        }

        /** 樊家沟村 has no cash yet: its plan is ¥0.00 and pays nothing, and the editor says so before it is posted. */
        void anEmptyPlanIsPublishedOnlyOnASecondClick() throws Exception {
            login("vc-fanjiagou");
            b.click(By.linkText(s.t("分配方案", "Allocation plan")));
            b.waitFor(By.id("plan-form"));
            percent("PUBLIC_WORKS", "80");
            b.waitFor(By.id("plan-ok"));
            b.button(s.t("保存草稿", "Save draft")).click();
            b.waitForText(By.id("plan-state"), s.t("草稿", "Draft"));
            b.find(By.id("publish")).click();
            b.waitForText(By.id("empty-plan-warning"), s.t("本方案金额为 ¥0.00", "This plan is ¥0.00"));
            assertThat(b.text(By.id("plan-state"))).contains(s.t("草稿", "Draft"));
            assertThat(b.text(By.id("publish"))).isEqualTo(s.t("仍然发布公示", "Publish anyway"));
            oneLanguage("empty plan warning");
            b.find(By.id("publish")).click();
            b.waitForText(By.id("plan-state"), s.t("公示中", "Public notice"));
        }

        void financeRecordsTheCashReceived() throws Exception {
            login("finance");
            WebElement form = b.waitFor(By.id("receipt-form"));
            new Select(form.findElement(By.name("receipt-station"))).selectByValue("lin-baiwen-01");
            new Select(form.findElement(By.name("receipt-kind"))).selectByValue("BENCHMARK");
            b.js("arguments[0].value = arguments[1]", form.findElement(By.name("receipt-date")), TODAY.toString());
            form.findElement(By.name("receipt-reference")).sendKeys("BK-F-" + s.name());
            // a refusal first, in words: an amount in yuan has at most two decimals (fen are the smallest unit)
            WebElement amount = form.findElement(By.name("receipt-amount"));
            amount.sendKeys("20000.123");
            b.button(s.t("登记到账", "Record receipt")).click();
            b.waitFor(By.cssSelector("#receipt-form [role=alert]"));
            assertThat(amount.getAttribute("aria-invalid")).isEqualTo("true");
            oneLanguage("receipt refused");
            amount.clear();
            amount.sendKeys("20000");
            b.button(s.t("登记到账", "Record receipt")).click();
            b.waitForText(By.id("receipt-form"), s.t("已入账", "Recorded"));
            b.assertLabelled();
            b.shot("forms-" + s.name() + "-finance-receipt");
        }

        void committeeDraftsAndPublishes() throws Exception {
            login("vc-yaotou");
            b.click(By.linkText(s.t("分配方案", "Allocation plan")));
            WebElement form = b.waitFor(By.id("plan-form"));
            // the editor opens quiet: nothing red before the committee types
            assertThat(b.findAll(By.cssSelector("#plan-form [aria-invalid=true]"))).isEmpty();
            assertThat(b.findAll(By.id("violation-list"))).isEmpty();
            oneLanguage("plan editor");
            percent("WELFARE_POSTS", "10");
            percent("PUBLIC_WORKS", "30");
            // the 80 % rule, stated once: beside the field, not again in the summary
            b.waitForText(By.id("msg-WELFARE_POSTS"), s.t("合计至少 80%", "together must be at least 80%"));
            String rule = s.t("收益的 80% 以上用于公益岗位工资和公益性劳务", "at least 80% of revenue to post wages");
            assertThat(count(b.find(By.id("plan-form")).getText(), rule)).as("the 80 %% rule stated once").isEqualTo(1);
            assertThat(b.button(s.t("保存草稿", "Save draft")).isEnabled()).isFalse();
            percent("PUBLIC_WORKS", "70");
            percent("SMALL_PROJECTS", "10");
            percent("COLLECTIVE_RETENTION", "10");
            b.waitFor(By.id("plan-ok"));

            // a public-works line for the household, and a project line with its own amount
            b.button(s.t("添加明细", "Add a line")).click();
            b.button(s.t("添加明细", "Add a line")).click();
            List<WebElement> rows = b.findAll(By.cssSelector("#plan-form tbody tr"));
            assertThat(rows).hasSize(2);
            WebElement works = rows.get(0);
            new Select(works.findElement(By.name("line-category"))).selectByValue("PUBLIC_WORKS");
            new Select(works.findElement(By.name("line-household"))).selectByValue(household);
            new Select(works.findElement(By.name("line-basis"))).selectByValue("LABOUR");
            assertThat(new Select(works.findElement(By.name("line-basis"))).getFirstSelectedOption().getText())
                    .isEqualTo(s.t("劳务", "Labour"));
            works.findElement(By.name("line-reference")).sendKeys(s.t("修路 5 天", "road work, 5 days"));
            WebElement project = rows.get(1);
            new Select(project.findElement(By.name("line-category"))).selectByValue("SMALL_PROJECTS");
            assertThat(project.findElement(By.name("line-household")).isDisplayed()).isFalse();
            new Select(project.findElement(By.name("line-project"))).selectByValue(String.valueOf(projectId));
            project.findElement(By.name("line-amount")).sendKeys("500");
            b.assertLabelled();
            b.shot("forms-" + s.name() + "-committee-editor");
            b.button(s.t("保存草稿", "Save draft")).click();
            new org.openqa.selenium.support.ui.WebDriverWait(b.driver(), java.time.Duration.ofSeconds(20)).until(d ->
                    !d.findElements(By.id("plan-state")).isEmpty() || !d.findElements(By.cssSelector("#plan-form [role=alert]")).isEmpty());
            assertThat(b.findAll(By.cssSelector("#plan-form [role=alert]"))).as("refused: %s",
                    b.findAll(By.cssSelector("#plan-form [role=alert]")).stream().map(WebElement::getText).toList()).isEmpty();
            b.waitForText(By.id("plan-state"), s.t("草稿", "Draft"));
            // 40 % of 20,000.00 less O&M 5 % and insurance 0.5 %: 7,562.00; the post's wage 600.00 × 20/22 = 545.45,
            // public works 70 % = 5,293.40 to the one household, the project 500.00, the collective 10 % = 756.20: of
            // what is paid, posts and public works are 82 % (the policy's 80 % holds for money paid, not only percents)
            String lines = b.find(By.id("plan-lines")).getText();
            assertThat(lines).contains("¥545.45", "¥5,293.40", "¥500.00", "白文建筑队", "¥756.20", "王秀英",
                    s.t("村集体", "Village collective"), s.t("出勤 20/22 天", "worked 20/22 days"));
            oneLanguage("plan draft");

            b.button(s.t("发布公示", "Publish notice")).click();
            b.waitForText(By.id("plan-state"), s.t("公示中", "Public notice"));
            // the township takes it only after the notice: the button waits, and says until when
            assertThat(b.find(By.id("submit-township")).isEnabled()).isFalse();
            assertThat(b.find(By.id("notice-running")).getText()).contains(s.t("公示期到", "The notice runs until"));
            oneLanguage("plan in notice");
            b.shot("forms-" + s.name() + "-committee-notice");
        }

        void objectionIsRecordedProposedAndSignedOff() throws Exception {
            b.inputLabelled(s.t("异议内容", "Objection")).sendKeys(s.t("修路天数记少了", "road days under-counted"));
            b.inputLabelled(s.t("提出人", "Raised by")).sendKeys("李四");
            b.button(s.t("登记异议", "Record objection")).click();
            b.button(s.t("提出处理意见", "Propose a resolution")).click();
            b.answerPrompt(s.t("核对考勤后已更正", "checked the attendance and corrected it"));
            b.waitForText(By.id("objections"), s.t("待乡镇确认", "Awaiting the township"));

            login("township-baiwen");
            WebElement card = b.waitFor(By.cssSelector("section.objection"));
            card.findElement(By.name("sign-off-note")).sendKeys(s.t("同意村委会意见", "agreed"));
            b.button(s.t("同意处理意见", "Agree")).click();
            new org.openqa.selenium.support.ui.WebDriverWait(b.driver(), java.time.Duration.ofSeconds(20))
                    .until(d -> d.findElements(By.cssSelector("section.objection")).isEmpty());
        }

        void committeeSubmitsAfterTheNotice() throws Exception {
            endNotice();
            login("vc-yaotou");
            b.click(By.linkText(s.t("分配方案", "Allocation plan")));
            WebElement submit = b.waitFor(By.id("submit-township"));
            assertThat(submit.isEnabled()).isTrue();
            submit.click();
            b.waitForText(By.id("plan-state"), s.t("乡镇审核", "Township review"));
        }

        void townshipApproves() throws Exception {
            login("township-baiwen");
            WebElement card = b.waitFor(By.cssSelector("section.plan"));
            assertThat(card.getText()).contains("¥7,562.00", s.t("乡镇审核", "Township review"));
            b.button(s.t("退回", "Return")).click();
            b.waitForText(By.cssSelector("section.plan [role=alert]"), s.t("退回必须写明理由", "A return needs a reason"));
            b.inputLabelled(s.t("审核意见（退回时必填）", "Comment (required to return)")).sendKeys(s.t("同意", "agreed"));
            b.button(s.t("通过", "Approve")).click();
            b.waitFor(By.id("nothing-waiting"));
            oneLanguage("township review");
        }

        void countyReturnsThenApproves() throws Exception {
            login("county");
            b.waitFor(By.cssSelector("section.plan"));
            b.inputLabelled(s.t("审核意见（退回时必填）", "Comment (required to return)"))
                    .sendKeys(s.t("项目明细请附验收单", "attach the project's acceptance"));
            b.button(s.t("退回", "Return")).click();
            b.waitFor(By.id("nothing-waiting"));
            assertThat(app.send("GET", "/api/villages/" + VILLAGE + "/plans", "auditor", null, 200)).contains("\"state\":\"DRAFT\"");
            // the committee publishes it again; notice, submit and the township's approval through the API
            String id = planId();
            app.send("POST", "/api/plans/" + id + "/transitions", "vc-yaotou", "{\"transition\":\"PUBLISH\",\"reason\":\"附验收单后重新公示\"}", 200);
            endNotice();
            app.send("POST", "/api/plans/" + id + "/transitions", "vc-yaotou", "{\"transition\":\"SUBMIT\",\"reason\":\"公示期满\"}", 200);
            app.send("POST", "/api/plans/" + id + "/transitions", "township-baiwen", "{\"transition\":\"TOWNSHIP_APPROVE\",\"reason\":\"同意\"}", 200);
            login("county");
            b.waitFor(By.cssSelector("section.plan"));
            b.button(s.t("通过", "Approve")).click();
            b.waitFor(By.id("nothing-waiting"));
            assertThat(app.send("GET", "/api/villages/" + VILLAGE + "/plans", "auditor", null, 200)).contains("\"state\":\"PAYABLE\"");
        }

        void financePays() throws Exception {
            login("finance");
            // a settlement file with a bad line imports nothing and names the line, in words
            String csv = "station,statement_no,period_start,period_end,on_grid_kwh,benchmark_yuan,tax_yuan\n"
                    + "lin-baiwen-01,GS-F-001," + TODAY.withDayOfMonth(1) + "," + TODAY + ",1000.000,332.00,0.00\n"
                    + "lin-baiwen-01,GS-F-002,2026-13-01," + TODAY + ",1000.000,332.00,0.00\n";
            b.inputLabelled(s.t("或粘贴内容", "or paste its content")).sendKeys(csv);
            b.button(s.t("导入", "Import")).click();
            b.waitFor(By.cssSelector("#import-errors tbody tr"));
            assertThat(b.find(By.cssSelector("#import-errors tbody tr")).getText()).contains("period_start",
                    s.t("日期不对", "The date is not right"));
            oneLanguage("import refused");
            WebElement pasted = b.inputLabelled(s.t("或粘贴内容", "or paste its content"));
            pasted.clear();
            pasted.sendKeys(csv.substring(0, csv.indexOf("lin-baiwen-01,GS-F-002")));
            b.button(s.t("导入", "Import")).click();
            b.waitForText(By.id("import-summary"), s.t("新增 1 行", "1 created"));

            b.button(s.t("从已批准方案生成支付批次", "Build a batch from approved plans")).click();
            WebElement title = b.waitFor(By.id("batch-title"));
            String batch = title.getAttribute("data-batch");
            assertThat(b.find(By.id("batch-lines")).getText()).contains("¥5,293.40", "¥545.45", "¥500.00", s.t("已发银行", "Sent to bank"));
            // the bank file: the button downloads what the service serves
            b.button(s.t("下载银行文件 CSV", "Bank file CSV")).click();
            assertThat(b.findAll(By.cssSelector("#batch [role=alert]"))).isEmpty();
            assertThat(app.send("GET", "/api/payments/batches/" + batch + "/bank-file.csv", "finance", null, 200)).contains("5293.40");
            oneLanguage("batch built");

            StringBuilder results = new StringBuilder("line_id,result,bank_reference,message\n");
            for (WebElement row : b.findAll(By.cssSelector("#batch-lines tbody tr"))) {
                String line = row.findElement(By.cssSelector("td")).getText().replaceAll("^\\D+", "").trim();
                results.append(line).append(",PAID,BK-").append(s.name()).append('-').append(line).append(",ok\n");
            }
            b.inputLabelled(s.t("银行回单（CSV）", "Bank results (CSV)")).sendKeys(results);
            b.button(s.t("导入回单", "Import results")).click();
            b.waitForText(By.id("batch-lines"), s.t("已支付", "Paid"));
            long totalFen = Long.parseLong(app.send("GET", "/api/payments/batches/" + batch, "finance", null, 200)
                    .replaceAll("(?s).*\"totalFen\":(\\d+).*", "$1"));
            // a debit that does not match is refused in words; the right one reconciles
            b.inputLabelled(s.t("专户扣款金额（分）", "Account debit (fen)")).sendKeys(String.valueOf(totalFen + 1));
            b.inputLabelled(s.t("对账单号", "Statement reference")).sendKeys("ZH-" + MONTH);
            b.button(s.t("对账", "Reconcile")).click();
            b.waitForText(By.cssSelector("#batch [role=alert]"), s.t("专户扣款金额与批次支付金额不符", "The account debit differs"));
            WebElement debit = b.inputLabelled(s.t("专户扣款金额（分）", "Account debit (fen)"));
            debit.clear();
            debit.sendKeys(String.valueOf(totalFen));
            b.button(s.t("对账", "Reconcile")).click();
            b.waitFor(By.cssSelector("#batch-title[data-state='RECONCILED']"));
            b.assertLabelled();
            oneLanguage("batch reconciled");
            b.shot("forms-" + s.name() + "-finance-reconciled");
        }

        /**
         * One figure per fact: today's kWh of the station in the live list, on the station page and in the revenue
         * the village is paid from are the same number (raw counters, one rule), whatever the rollup's lag.
         */
        void operatorSeesOneTodayFigure() throws Exception {
            String live = app.send("GET", "/api/live/stations", "operator", null, 200);
            double listed = Double.parseDouble(live.replaceAll("(?s).*\\{[^}]*\"station\":\"lin-baiwen-01\"[^}]*\"energy_today_kwh\":([0-9.]+).*", "$1"));
            String revenue = app.send("GET", "/api/stations/lin-baiwen-01/revenue?from=" + TODAY + "&to=" + TODAY.plusDays(1), "operator", null, 200);
            double paid = Double.parseDouble(revenue.replaceAll("(?s).*\"energyKwh\":([0-9.]+).*", "$1"));
            assertThat(listed).as("today's kWh: list %s, revenue %s", listed, paid).isPositive().isEqualTo(paid);
            String shown = (String) b.js("return Number(arguments[0]).toLocaleString(arguments[1] === 'en' ? 'en-US' : 'zh-CN',"
                    + " {minimumFractionDigits: 1, maximumFractionDigits: 1})", listed, s.lang());
            b.waitForText(By.cssSelector("#stations-table tr[data-station='lin-baiwen-01'] td:nth-child(4)"), shown);
            b.click(By.cssSelector("#stations-table tr[data-station='lin-baiwen-01'] a"));
            b.waitForText(By.cssSelector("#kpi-today .value"), shown);
            assertThat(b.text(By.cssSelector("#kpi-today .value"))).isEqualTo(shown);
        }

        void operatorAcknowledgesAnAlarm() throws Exception {
            login("operator");
            operatorSeesOneTodayFigure();
            b.click(By.linkText(s.t("告警", "Alarms")));
            WebElement row = b.waitFor(By.cssSelector("#alarms-table tr[data-station='lin-baiwen-01']"));
            String text = row.getText();
            // the station by its name, the detail in the screen's language
            assertThat(text).contains("白文联村电站").doesNotContain("lin-baiwen-01");
            assertThat(text).contains(s.t("白天零出力", "No output in daylight"));
            oneLanguage("alarms");
            // names, types and severities are never broken inside a word
            @SuppressWarnings("unchecked")
            List<String> broken = (List<String>) b.js("""
                    const out = [];
                    for (const td of document.querySelectorAll('#alarms-table tbody td:nth-child(-n+5)')) {
                      for (const n of td.childNodes) {
                        const el = n.nodeType === 3 ? n : n.firstChild;
                        if (!el || el.nodeType !== 3 || !el.textContent.trim()) continue;
                        const r = document.createRange(); r.selectNodeContents(el);
                        const tops = new Set([...r.getClientRects()].map(x => Math.round(x.top)));
                        if (tops.size > 1) out.push(el.textContent);
                      }
                    }
                    return out;""");
            assertThat(broken).as("cells broken across lines").isEmpty();
            row.findElement(By.name("reason")).clear();
            row.findElement(By.name("reason")).sendKeys(s.t("已派人处理", "technician sent"));
            row.findElement(By.cssSelector("button[type=submit]")).click();
            b.waitForText(By.cssSelector("#alarms-table tr[data-station='lin-baiwen-01']"), s.t("已确认", "Acknowledged by"));
            b.shot("forms-" + s.name() + "-operator-alarms");
        }

        void percent(String category, String value) {
            WebElement in = b.find(By.name("percent-" + category));
            in.clear();
            in.sendKeys(value);
        }

        /**
         * The screen speaks one language: no enum names or service English; Chinese chrome in Chinese, English in
         * English. And it fits: nothing wider than the window (a phone scrolls down, never sideways; a phone's table
         * headers are clipped away, its cards carry the labels; the alarms table scrolls on its own).
         */
        void oneLanguage(String where) {
            @SuppressWarnings("unchecked")
            List<String> wide = (List<String>) b.js("""
                    const w = document.documentElement.clientWidth;
                    return [...document.querySelectorAll('main *')].filter(e => e.offsetParent !== null
                        && e.getBoundingClientRect().right > w + 1 && !e.closest('#alarm-list')
                        && !(getComputedStyle(e.closest('thead') || document.body).clip || '').startsWith('rect'))
                      .slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));""");
            assertThat(wide).as(where + ": wider than the window (" + s.name() + ")").isEmpty();
            String main = (String) b.js("return document.querySelector('main').innerText");
            assertThat(RAW.matcher(main).find()).as(where + " shows raw text: " + main).isFalse();
            String nav = b.find(By.id("nav")).getText() + b.find(By.id("logout")).getText();
            // the engine's word for the retained share, in a plan line's payee or basis cell
            assertThat(b.findAll(By.cssSelector("main td")).stream().map(WebElement::getText).filter("collective"::equals).toList())
                    .as(where).isEmpty();
            if (s.en()) {
                assertThat(CJK.matcher(nav).find()).as(where + ": Chinese in the English menu " + nav).isFalse();
            } else {
                assertThat(CJK.matcher(nav).find()).as(where + ": menu not Chinese " + nav).isTrue();
                assertThat(ENGLISH_SENTENCE.matcher(main).find()).as(where + " has English in a Chinese screen: " + main).isFalse();
                assertThat(SERVICE_ENGLISH.matcher(main).find()).as(where + " has the service's English: " + main).isFalse();
            }
        }

        String planId() throws Exception {
            String plans = app.send("GET", "/api/villages/" + VILLAGE + "/plans", "vc-yaotou", null, 200);
            return plans.replaceAll("(?s)^\\[\\{\"id\":(\\d+),.*", "$1");
        }

        /** The 7-day public notice has run: its stored dates move back (the service's H2 database, same JVM). */
        void endNotice() throws Exception {
            try (Connection c = DriverManager.getConnection(app.jdbcUrl, "sa", "");
                 PreparedStatement st = c.prepareStatement("UPDATE plan SET notice_start = ?, notice_end = ? WHERE id = ? AND state = 'NOTICE'")) {
                st.setObject(1, TODAY.minusDays(9));
                st.setObject(2, TODAY.minusDays(1));
                st.setLong(3, Long.parseLong(planId()));
                assertThat(st.executeUpdate()).isEqualTo(1);
            }
        }

        static int count(String text, String part) {
            int n = 0;
            for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
                n++;
            }
            return n;
        }
    }
}
