package org.yangguang.distribution.transparency;

import org.yangguang.distribution.money.Fen;

import java.util.Map;

/**
 * The page a household's QR code opens (一码清), rendered on the server: it must work on the cheapest phone a village
 * has, without JavaScript, in one column with large text, in Chinese (or English with {@code ?lang=en}). It shows that
 * household's payments, its objections and the form to file one, and the ledger's head to compare with the notice
 * board — and nothing about anyone else, nor any menu of the console.
 */
final class HouseholdPageHtml {
    private HouseholdPageHtml() {
    }

    private static final Map<String, String[]> CATEGORIES = Map.of(
            "WELFARE_POSTS", new String[] {"公益岗位工资", "Public-welfare post wage"},
            "PUBLIC_WORKS", new String[] {"公益性劳务", "Public-works labour"},
            "REWARDS_SUBSIDIES", new String[] {"奖励补助", "Rewards and subsidies"},
            "SMALL_PROJECTS", new String[] {"小型公益事业", "Small public-welfare project"},
            "COOPERATIVE_FIRST", new String[] {"合作社一次分配", "Cooperative first distribution"});
    private static final Map<String, String[]> STATES = Map.of(
            "PAID", new String[] {"已到账", "Paid"},
            "IN_BATCH", new String[] {"发放中", "Being paid"});
    private static final Map<String, String[]> OBJECTION_STATES = Map.of(
            "OPEN", new String[] {"待处理", "Open"},
            "PROPOSED", new String[] {"村委会已答复，待乡镇确认", "Answered, awaiting the township"},
            "RESOLVED", new String[] {"已处理", "Resolved"});

    static String render(HouseholdPage p, String token, boolean en) {
        L l = new L(en);
        StringBuilder payments = new StringBuilder();
        for (HouseholdPage.Payment x : p.payments()) {
            payments.append("<li class=card><div><strong>").append(esc(x.period())).append(" · ")
                    .append(esc(l.of(CATEGORIES, x.category()))).append("</strong></div><div class=value>")
                    .append(yuan(x.amountFen())).append("</div><div>").append(esc(l.of(STATES, x.state())))
                    .append(x.paidInto() == null ? "" : l.t("，转入 ", ", into ") + esc(x.paidInto()))
                    .append("</div></li>");
        }
        StringBuilder objections = new StringBuilder();
        for (HouseholdPage.ObjectionRow o : p.objections()) {
            objections.append("<li class=card><div>").append(esc(o.raisedOn())).append(" · ")
                    .append(esc(l.of(OBJECTION_STATES, o.state()))).append("</div><div>").append(esc(o.text()))
                    .append("</div>").append(o.resolution() == null ? "" : "<div>" + l.t("答复：", "Answer: ")
                            + esc(o.resolution()) + "</div>").append("</li>");
        }
        String self = "/h/" + esc(token);
        return "<!doctype html><html lang=" + (en ? "en" : "zh-CN") + "><head><meta charset=utf-8>"
                + "<meta name=viewport content='width=device-width,initial-scale=1'>"
                + "<title>" + l.t("我家的光伏收益 · 一码清", "Our solar income · Yangguang") + "</title>"
                + "<link rel=icon href=/favicon.ico><link rel=stylesheet href=/assets/style.css></head>"
                + "<body class=household><a class=skip href=#main>" + l.t("跳到正文", "Skip to content") + "</a>"
                + "<header class=top><div class=brand><span class=sun aria-hidden=true>☀</span> "
                + l.t("阳光 · 一码清", "Yangguang") + "</div><div class=tools><a class=link-button id=lang href='" + self
                + (en ? "" : "?lang=en") + "' lang=" + (en ? "zh-CN" : "en") + ">" + (en ? "中文" : "English")
                + "</a></div></header>"
                + "<main id=main tabindex=-1><h1>" + l.t("我家的光伏收益", "Our household's solar income") + "</h1>"
                + "<p id=household-who>" + esc(p.village()) + " · " + l.t("户主 ", "head of household ")
                + esc(p.household()) + "</p>"
                + "<div class=kpi id=household-total><div class=label>" + l.t("已到账合计", "Paid in total")
                + "</div><div class=value>" + yuan(p.totalPaidFen()) + "</div></div>"
                + "<h2>" + l.t("每笔收益", "Each payment") + "</h2>"
                + (payments.isEmpty() ? "<p>" + l.t("还没有支付记录。", "No payments yet.") + "</p>"
                        : "<ul class=payments id=household-payments>" + payments + "</ul>")
                + "<h2>" + l.t("对公示方案的异议", "Objections to a plan on public notice") + "</h2>"
                + (objections.isEmpty() ? "<p>" + l.t("没有提出过异议。", "No objections filed.") + "</p>"
                        : "<ul class=payments id=household-objections>" + objections + "</ul>")
                + "<form class=stack method=post action='" + self + "/objections'>"
                + (en ? "<input type=hidden name=lang value=en>" : "") + "<div class=field>"
                + "<label for=objection-text>" + l.t("对本村正在公示的分配方案有异议，请写明：",
                        "If you disagree with the plan on public notice in your village, say why:")
                + "</label><textarea id=objection-text name=text rows=3 maxlength=1000 required></textarea></div>"
                + "<button class=primary type=submit>" + l.t("提交异议", "File the objection") + "</button></form>"
                + "<p class=hint>" + l.t("只显示您家的记录。有疑问请找村委会或拨打县扶贫热线。",
                        "Only your household is shown. Questions: the village committee or the county hotline.")
                + "</p><p class=hint id=ledger-head>" + l.t("账本链头（可与村公示栏和县财务公布的链头核对）：",
                        "Ledger head (compare it with the one on the notice board and the county's): ")
                + "<code>" + esc(p.ledgerHead()) + "</code></p></main></body></html>";
    }

    static String notFound(boolean en) {
        L l = new L(en);
        return "<!doctype html><html lang=" + (en ? "en" : "zh-CN") + "><head><meta charset=utf-8>"
                + "<meta name=viewport content='width=device-width,initial-scale=1'><title>"
                + l.t("一码清", "Yangguang") + "</title><link rel=stylesheet href=/assets/style.css></head>"
                + "<body class=household><main id=main><h1>" + l.t("我家的光伏收益", "Our household's solar income")
                + "</h1><p class=error role=alert>" + l.t("二维码无效或已停用，请联系村委会。",
                        "This QR code is not valid any more. Please ask the village committee.")
                + "</p></main></body></html>";
    }

    static String yuan(long fen) {
        return "¥" + String.format(java.util.Locale.ROOT, "%,.2f", Fen.of(fen).toYuan());
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }

    private record L(boolean en) {
        String t(String zh, String english) {
            return en ? english : zh;
        }

        String of(Map<String, String[]> names, String code) {
            String[] n = names.get(code);
            return n == null ? code : n[en ? 1 : 0];
        }
    }
}
