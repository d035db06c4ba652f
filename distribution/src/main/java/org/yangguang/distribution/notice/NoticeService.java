package org.yangguang.distribution.notice;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.access.Scopes;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.ledger.Ledger;
import org.yangguang.distribution.money.Fen;
import org.yangguang.distribution.payment.BatchView;
import org.yangguang.distribution.payment.PaymentService;
import org.yangguang.distribution.workflow.PlanCategory;
import org.yangguang.distribution.workflow.PlanService;
import org.yangguang.distribution.workflow.PlanState;
import org.yangguang.distribution.workflow.PlanView;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The public notice (公示) of a plan as a printable A4 PDF in Chinese, and XLSX exports of plans and payment
 * batches (issue 10). The PDF embeds a CJK font from {@code yangguang.notice.font} (default Noto Sans CJK SC from
 * Debian's fonts-noto-cjk, "path.ttc,index"); a missing font is a clear 503, never boxes instead of characters.
 * The notice lists payees by name and registration number only: no bank or ID numbers. It prints the ledger's head
 * when printed, so that a villager or an auditor can later check the books still hold what the notice was made from.
 */
@Singleton
public class NoticeService {
    static final Map<String, String> NAMES = Map.of("WELFARE_POSTS", "公益岗位", "PUBLIC_WORKS", "公益性劳务",
            "SMALL_PROJECTS", "小型公益事业", "REWARDS_SUBSIDIES", "奖励补助", "COLLECTIVE_RETENTION", "村集体留存",
            "COOPERATIVE_FIRST", "合作社一次分配");
    /** The printed notice is read by villagers: states and bases in Chinese, never the enum names (issue 14). */
    static final Map<String, String> STATES = Map.of("DRAFT", "草稿", "NOTICE", "公示中", "TOWNSHIP_REVIEW", "乡镇审核",
            "COUNTY_APPROVAL", "县级审批", "PAYABLE", "已批准待支付", "RECONCILED", "已对账");
    static final Map<String, String> BASES = Map.of("POST", "公益岗位考勤", "LABOUR", "劳务", "REVIEWED_APPLICATION",
            "审核申请", "NONE", "-");
    static final Map<String, String> PAYMENTS = Map.of("PENDING", "待支付", "IN_BATCH", "已发银行", "PAID", "已支付",
            "FAILED", "支付失败", "RETURNED", "已退回", "REVERSED", "已冲正");

    /** The engine writes a wage line's reference as "post 3 2026-05 20/22". */
    private static final java.util.regex.Pattern WAGE = java.util.regex.Pattern.compile("post (\\d+) (\\d{4}-\\d{2}) (\\d+)/(\\d+)");

    /** What a line rests on, in Chinese: the committee's reference, a wage's post and attendance, or the basis. */
    static String basis(PlanView.LineView l) {
        if (l.reference() == null) {
            return BASES.getOrDefault(l.basis(), l.basis());
        }
        if (l.reference().equals("collective")) {
            return "村集体留存";
        }
        java.util.regex.Matcher m = WAGE.matcher(l.reference());
        return m.matches() ? "岗位 " + m.group(1) + " 出勤 " + m.group(3) + "/" + m.group(4) + " 天" : l.reference();
    }

    private final PlanService plans;
    private final PaymentService payments;
    private final Ledger ledger;
    private final Scopes scopes;
    private final String fontPath;

    public NoticeService(PlanService plans, PaymentService payments, Ledger ledger, Scopes scopes,
                         @Value("${yangguang.notice.font:/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc,2}")
                         String fontPath) {
        this.plans = plans;
        this.payments = payments;
        this.ledger = ledger;
        this.scopes = scopes;
        this.fontPath = fontPath;
    }

    @Transactional
    public byte[] noticePdf(Actor actor, long planId) {
        PlanView p = plans.get(actor, planId);
        if (p.state() == PlanState.DRAFT) {
            throw ApiException.conflict("not_published", "plan " + planId + " is a draft; the notice is printed once it"
                    + " is published", "planId");
        }
        BaseFont bf = CjkFont.load(fontPath);
        Font title = new Font(bf, 16, Font.BOLD);
        Font body = new Font(bf, 10);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document d = new Document(PageSize.A4, 36, 36, 42, 42);
        PdfWriter.getInstance(d, out);
        d.open();
        Paragraph head = new Paragraph(p.villageName() + " 光伏扶贫电站收益分配使用计划公示", title);
        head.setAlignment(Element.ALIGN_CENTER);
        d.add(head);
        d.add(new Paragraph(" ", body));
        d.add(new Paragraph("期间: " + p.period() + "    可分配收益: " + yuan(p.amountFen()) + " 元（上期结余 "
                + yuan(p.openingFen()) + " 元 + 本期收入 " + yuan(p.newRevenueFen()) + " 元）    分配政策版本: v"
                + p.policyVersion() + "    状态: " + STATES.getOrDefault(p.state().name(), p.state().name()), body));
        d.add(new Paragraph("公示期: " + (p.noticeStart() == null ? "-" : p.noticeStart()) + " 至 "
                + (p.noticeEnd() == null ? "-" : p.noticeEnd()) + "。公示期内如有异议，请向村民委员会反映。", body));
        d.add(new Paragraph(" ", body));
        PdfPTable cats = new PdfPTable(new float[]{4, 2, 3, 3});
        cats.setWidthPercentage(100);
        for (String h : new String[]{"类别", "比例(%)", "预算(元)", "结余(元)"}) {
            cats.addCell(cell(h, body));
        }
        for (PlanCategory c : p.categories()) {
            cats.addCell(cell(NAMES.getOrDefault(c.code(), c.code()), body));
            cats.addCell(cell(c.percent().stripTrailingZeros().toPlainString(), body));
            cats.addCell(cell(yuan(c.budgetFen()), body));
            cats.addCell(cell(yuan(c.unspentFen()), body));
        }
        d.add(cats);
        d.add(new Paragraph(" ", body));
        PdfPTable lines = new PdfPTable(new float[]{3, 4, 3, 3, 5});
        lines.setWidthPercentage(100);
        for (String h : new String[]{"类别", "户编号", "收款人", "金额(元)", "依据"}) {
            lines.addCell(cell(h, body));
        }
        long total = 0;
        for (PlanView.LineView l : p.lines()) {
            lines.addCell(cell(NAMES.getOrDefault(l.category(), l.category()), body));
            lines.addCell(cell(l.registrationNo() == null ? "-" : l.registrationNo(), body));
            lines.addCell(cell(l.payee() == null ? (p.pool() ? "县级统筹" : "村集体") : l.payee(), body));
            lines.addCell(cell(yuan(l.amountFen()), body));
            lines.addCell(cell(basis(l), body));
            total += l.amountFen();
        }
        d.add(lines);
        d.add(new Paragraph("合计: " + yuan(total) + " 元；未分配: " + yuan(p.undistributedFen()) + " 元", body));
        d.add(new Paragraph(" ", body));
        d.add(new Paragraph("账本链头 ledger head: " + ledger.head().printed(), new Font(bf, 7)));
        d.close();
        return out.toByteArray();
    }

    @Transactional
    public byte[] planXlsx(Actor actor, long planId) {
        PlanView p = plans.get(actor, planId);
        return xlsx("计划 plan " + planId, new String[]{"类别 category", "户编号 registration_no", "收款人 payee",
                "金额(元) amount", "依据 basis", "支付 payment"}, ws -> {
            int r = 1;
            for (PlanView.LineView l : p.lines()) {
                ws.value(r, 0, NAMES.getOrDefault(l.category(), l.category()));
                ws.value(r, 1, l.registrationNo());
                ws.value(r, 2, l.payee() == null ? "村集体" : l.payee());
                ws.value(r, 3, Fen.of(l.amountFen()).toYuan());
                ws.style(r, 3).format("0.00").set();
                ws.value(r, 4, basis(l));
                ws.value(r, 5, PAYMENTS.getOrDefault(l.paymentState(), l.paymentState()));
                r++;
            }
        });
    }

    @Transactional
    public byte[] batchXlsx(Actor actor, long batchId) {
        scopes.requireRole(actor, Role.FINANCE, Role.AUDITOR, Role.ADMIN, Role.COUNTY_APPROVER);
        BatchView b = payments.get(actor, batchId);
        return xlsx("支付 batch " + batchId, new String[]{"序号 line", "类别 category", "期间 period", "收款人 payee",
                "账户 account", "金额(元) amount", "结果 state", "银行流水 bank_reference"}, ws -> {
            int r = 1;
            for (BatchView.Line l : b.lines()) {
                ws.value(r, 0, l.id());
                ws.value(r, 1, NAMES.getOrDefault(l.category(), l.category()));
                ws.value(r, 2, l.period());
                ws.value(r, 3, l.payeeName());
                ws.value(r, 4, l.bankAccountMasked());
                ws.value(r, 5, Fen.of(l.amountFen()).toYuan());
                ws.style(r, 5).format("0.00").set();
                ws.value(r, 6, PAYMENTS.getOrDefault(l.state().name(), l.state().name()));
                ws.value(r, 7, l.bankReference());
                r++;
            }
            ws.value(r + 1, 0, "账本链头 ledger head at build");
            ws.value(r + 1, 1, b.ledgerHead());
        });
    }

    private interface Rows {
        void write(Worksheet ws);
    }

    private static byte[] xlsx(String sheet, String[] header, Rows rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "Yangguang", "1.0");
            Worksheet ws = wb.newWorksheet(sheet);
            for (int c = 0; c < header.length; c++) {
                ws.value(0, c, header[c]);
            }
            rows.write(ws);
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static PdfPCell cell(String text, Font f) {
        PdfPCell c = new PdfPCell(new Phrase(text, f));
        c.setPadding(3);
        return c;
    }

    private static String yuan(long fen) {
        return Fen.of(fen).toYuan().toPlainString();
    }
}
