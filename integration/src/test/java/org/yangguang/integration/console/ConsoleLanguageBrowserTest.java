package org.yangguang.integration.console;

import org.yangguang.testkit.Closing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yangguang.collector.alarm.AlarmDetail;
import org.yangguang.distribution.allocation.LineBasis;
import org.yangguang.distribution.api.ErrorCatalogue;
import org.yangguang.distribution.post.PostType;
import org.yangguang.distribution.workflow.PlanState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One language per screen (issue 14): the console's i18n.js, run in chromium as the pages run it, has a Chinese and
 * an English text for every code of the service's error catalogue (as GET /api/catalogue serves it), every alarm
 * detail code of the collector, every policy rule, category, plan state, line basis and post type. A code without
 * both fails here, so a new error cannot reach a user as the service's English.
 */
class ConsoleLanguageBrowserTest {
    static final Pattern CJK = Pattern.compile("[\\u4e00-\\u9fff]");

    static ConsoleApp distribution;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        distribution = ConsoleApp.withFreshInflux(Map.of());
        browser = new Browser(distribution.url());
    }

    @AfterAll
    static void stop() throws Exception {
        Closing.inOrder(browser, distribution);
    }

    /** Runs {@code body} with i18n.js imported as {@code m} and the language set; returns its value. */
    @SuppressWarnings("unchecked")
    static <T> T withI18n(String lang, String body, Object arg) {
        browser.fresh("/");
        return (T) browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "localStorage.setItem('yg.lang', arguments[0]); const arg = arguments[1];"
                + "import('/assets/i18n.js').then(m => { try { done(" + body + "); } catch (e) { done('ERROR ' + e); } })"
                + ".catch(e => done('ERROR ' + e));", lang, arg);
    }

    @Test
    void everyCodeOfTheServedCatalogueHasAChineseAndAnEnglishMessage() throws Exception {
        // the catalogue as the service serves it (to anyone logged in)
        String served = distribution.send("GET", "/api/catalogue", "operator", null, 200);
        List<String> codes = new ArrayList<>();
        Matcher m = Pattern.compile("\"code\":\"([a-z0-9_]+)\"").matcher(served);
        while (m.find()) {
            codes.add(m.group(1));
        }
        assertThat(codes).hasSize(ErrorCatalogue.entries().size()).contains("missing_reason", "bad_json", "bad_value");
        assertBothLanguages("errors", codes, "arg.map(c => [c, m.errorMessage(c, 'reason')])");
        // a message names its field in words, never the API's name for it
        assertThat((String) withI18n("zh-CN", "m.errorMessage('missing_field', 'lines[1].fixedFen')", null))
                .isEqualTo("请填写必填项（第 2 条明细·金额）。");
        assertThat((String) withI18n("en", "m.errorMessage('missing_field', 'lines[1].fixedFen')", null))
                .isEqualTo("A required value is missing (line 2, amount).");
        assertThat((String) withI18n("zh-CN", "m.errorMessage('bad_value', 'someInternalName')", null))
                .isEqualTo("填写的值不对。");
    }

    @Test
    void everyAlarmDetailRuleCategoryStateBasisAndPostTypeHasBothLanguages() throws Exception {
        List<String> details = Arrays.stream(AlarmDetail.Code.values()).map(AlarmDetail.Code::wire).toList();
        assertBothLanguages("alarm details", details, "arg.map(c => [c, m.alarmDetail({detail_code: c, "
                + "params: {code: '2032', name: 'Grid Loss', flags: '100', elevation: '42', percent: '0', gateway: 'gw-1',"
                + " seconds: '600', last: '1767225600000'}})])");
        // the operator's example from the issue, in Chinese
        assertThat((String) withI18n("zh-CN", "m.alarmDetail({detail_code: 'peer_ratio', params: {percent: '0'}})", null))
                .isEqualTo("单位千瓦出力仅为同站其他逆变器中位数的 0%");

        // the county's policy: every forbidden use, the group minimum and the flat-split rule, every category
        String policy = distribution.send("GET", "/api/policies/2026", "vc-yaotou", null, 200);
        List<String> rules = new ArrayList<>(List.of("FLAT_PER_HEAD", "WELFARE_POSTS+PUBLIC_WORKS"));
        Matcher f = Pattern.compile("\\{\"code\":\"([A-Z_]+)\",\"rule\"").matcher(policy);
        while (f.find()) {
            rules.add(f.group(1));
        }
        assertThat(rules).contains("CADRE_SALARY");
        assertBothLanguages("rules", rules, "arg.map(c => [c, m.RULES[c] ? m.ruleText(c) : null])");
        List<String> categories = new ArrayList<>();
        Matcher c = Pattern.compile("\"code\":\"([A-Z_]+)\",\"name\"").matcher(policy);
        while (c.find()) {
            categories.add(c.group(1));
        }
        assertThat(categories).contains("WELFARE_POSTS", "SMALL_PROJECTS");
        assertBothLanguages("categories", categories, "arg.map(c => [c, m.CATEGORIES[c] ? m.named(m.CATEGORIES, c) : null])");
        assertBothLanguages("plan states", Arrays.stream(PlanState.values()).map(Enum::name).toList(),
                "arg.map(c => [c, m.PLAN_STATES[c] ? m.named(m.PLAN_STATES, c) : null])");
        assertBothLanguages("line bases", Arrays.stream(LineBasis.values()).filter(b -> b != LineBasis.NONE).map(Enum::name).toList(),
                "arg.map(c => [c, m.BASES[c] ? m.named(m.BASES, c) : null])");
        assertBothLanguages("post types", Arrays.stream(PostType.values()).map(Enum::name).toList(),
                "arg.map(c => [c, m.POST_TYPES[c] ? m.named(m.POST_TYPES, c) : null])");
        assertBothLanguages("relations and payees", List.of("HEAD"), "arg.map(c => [c, m.RELATIONS[c] ? m.named(m.RELATIONS, c) : null])");
        assertThat((String) withI18n("zh-CN", "m.named(m.RELATIONS, 'HEAD') + m.named(m.PAYEES, 'collective')", null))
                .isEqualTo("户主村集体");
    }

    /** Each code's text in Chinese (with Chinese characters) and in English (without), and not the same. */
    @SuppressWarnings("unchecked")
    static void assertBothLanguages(String what, List<String> codes, String script) {
        List<List<String>> zh = withI18n("zh-CN", script, codes);
        List<List<String>> en = withI18n("en", script, codes);
        assertThat(zh).as(what + " (zh)").hasSize(codes.size());
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            String z = zh.get(i).get(1);
            String e = en.get(i).get(1);
            if (z == null || !CJK.matcher(z).find() || z.contains("代码 ") && z.contains(codes.get(i))) {
                wrong.add(codes.get(i) + ": no Chinese text (" + z + ")");
            }
            if (e == null || e.isBlank() || CJK.matcher(e.replaceAll("国开办司发〔2020〕3号|永政办发〔2020〕13号", "")).find()
                    || e.contains("(code " + codes.get(i))) {
                wrong.add(codes.get(i) + ": no English text (" + e + ")");
            }
        }
        assertThat(wrong).as(what + " without both translations in i18n.js").isEmpty();
    }
}
