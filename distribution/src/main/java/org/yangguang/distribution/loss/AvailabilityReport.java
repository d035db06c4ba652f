package org.yangguang.distribution.loss;

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
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.access.Scopes;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.money.Fen;
import org.yangguang.distribution.registry.Registry;
import org.yangguang.distribution.registry.Station;
import org.yangguang.distribution.time.BusinessCalendar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The county's monthly availability report (issue 15 item 3): per station its energy-based availability
 * (IEC TS 61724-3: produced ÷ (produced + lost to faults and outages)), lost kWh and lost yuan, and what the lost
 * yuan cost each village; the ten worst stations. One {@link Report} object is rendered as JSON, PDF (CJK font
 * embedded, as the notice) and XLSX, so the three agree by construction.
 */
@Singleton
public class AvailabilityReport {
    private static final int WORST = 10;

    private final LossBook book;
    private final Registry registry;
    private final MonthEnergy monthEnergy;
    private final Scopes scopes;
    private final BusinessCalendar calendar;
    private final String fontPath;

    public AvailabilityReport(LossBook book, Registry registry, MonthEnergy monthEnergy, Scopes scopes,
                              BusinessCalendar calendar,
                              @Value("${yangguang.notice.font:/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc,2}")
                              String fontPath) {
        this.book = book;
        this.registry = registry;
        this.monthEnergy = monthEnergy;
        this.scopes = scopes;
        this.calendar = calendar;
        this.fontPath = fontPath;
    }

    /**
     * A station's month. {@code availabilityPercent} (2 decimals, half even) and {@code producedWh} are null when
     * the station's energy could not be read ({@code note} says why) or it neither produced nor lost anything.
     */
    @Serdeable
    public record StationRow(String station, String name, String kind, @Nullable Long producedWh, long lostWh,
                             @Nullable BigDecimal availabilityPercent, long lostFen, long faults,
                             List<LossViews.VillageLoss> villages, long countyPoolFen, @Nullable String note) {
    }

    @Serdeable
    public record VillageRow(String village, String name, long lostFen) {
    }

    /** Σ stations' lostFen = Σ villages' lostFen + countyPoolFen + undistributedFen, to the fen. */
    @Serdeable
    public record Report(String county, String month, String from, String to, long lostWh, long lostFen,
                         long countyPoolFen, long undistributedFen, List<StationRow> stations, List<VillageRow> villages,
                         List<StationRow> worst) {
    }

    public Report of(Actor actor, @Nullable String monthText) {
        scopes.requireRole(actor, Role.COUNTY_APPROVER, Role.ADMIN, Role.AUDITOR, Role.OPERATOR, Role.FINANCE);
        LocalDate today = calendar.today();
        YearMonth month = VillageFaults.month(monthText, today);
        LocalDate from = month.atDay(1);
        if (from.isAfter(today)) {
            throw ApiException.badRequest("bad_month", "month " + month + " has not begun", "month");
        }
        LocalDate to = month.atEndOfMonth().isAfter(today) ? today : month.atEndOfMonth();
        LossViews.LossReport lost = book.report(actor, from, to, LossBook.Filter.ALL);
        Map<String, Long> faults = new HashMap<>();
        lost.episodes().forEach(e -> faults.merge(e.station(), 1L, Long::sum));
        Map<String, LossViews.StationLoss> byStation = new HashMap<>();
        lost.stations().forEach(s -> byStation.put(s.station(), s));
        List<StationRow> rows = new ArrayList<>();
        for (Station s : registry.stations(actor.countyId())) {
            LossViews.StationLoss l = byStation.get(s.code());
            MonthEnergy.Produced p = monthEnergy.measure(s, month);
            Long produced = p.producedWh();
            String note = p.note();
            long lostWh = l == null ? 0 : l.lostWh();
            BigDecimal availability = null;
            if (produced != null && produced + lostWh > 0) {
                availability = BigDecimal.valueOf(produced).multiply(BigDecimal.valueOf(100))
                        .divide(BigDecimal.valueOf(produced + lostWh), 2, RoundingMode.HALF_EVEN);
            } else if (produced != null) {
                note = "no energy produced or lost in the month";
            }
            rows.add(new StationRow(s.code(), s.name(), s.kind().name(), produced, lostWh, availability,
                    l == null ? 0 : l.lostFen(), faults.getOrDefault(s.code(), 0L),
                    l == null ? List.of() : l.villages(), l == null ? 0 : l.countyPoolFen(), note));
        }
        List<StationRow> worst = rows.stream()
                .filter(r -> r.availabilityPercent() != null || r.lostFen() > 0)
                .sorted(Comparator.comparing((StationRow r) -> r.availabilityPercent() == null
                                ? BigDecimal.valueOf(101) : r.availabilityPercent())
                        .thenComparing(r -> -r.lostFen()).thenComparing(StationRow::station))
                .limit(WORST).toList();
        List<VillageRow> villages = lost.villages().stream()
                .map(v -> new VillageRow(v.village(), v.name(), v.lostFen())).toList();
        return new Report(scopes.countyCodeOf(actor).orElse(""), month.toString(), from.toString(), to.toString(),
                lost.lostWh(), lost.lostFen(), lost.countyPoolFen(), lost.undistributedFen(), rows, villages, worst);
    }

    // ------------------------------------------------------------------------------------------ renderings

    private static String yuan(long fen) {
        return Fen.of(fen).toYuan().toPlainString();
    }

    private static String kwh(long wh) {
        return BigDecimal.valueOf(wh, 3).toPlainString();
    }

    private static String percent(BigDecimal p) {
        return p == null ? "-" : p.toPlainString();
    }

    public byte[] pdf(Report r) {
        BaseFont bf;
        try {
            bf = BaseFont.createFont(fontPath, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
        } catch (DocumentException | IOException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "notice_font_missing", "cannot load the CJK font '"
                    + fontPath + "' (" + e.getMessage() + "); install fonts-noto-cjk or set yangguang.notice.font", null);
        }
        Font title = new Font(bf, 15, Font.BOLD);
        Font body = new Font(bf, 9);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document d = new Document(PageSize.A4.rotate(), 30, 30, 36, 36);
        PdfWriter.getInstance(d, out);
        d.open();
        Paragraph head = new Paragraph("光伏扶贫电站月度可用率报告 " + r.month(), title);
        head.setAlignment(Element.ALIGN_CENTER);
        d.add(head);
        d.add(new Paragraph("期间 " + r.from() + " 至 " + r.to() + "    故障损失电量 " + kwh(r.lostWh()) + " kWh    故障损失收益 "
                + yuan(r.lostFen()) + " 元（村 " + yuan(r.lostFen() - r.countyPoolFen() - r.undistributedFen())
                + " 元，县级统筹 " + yuan(r.countyPoolFen()) + " 元，其他 " + yuan(r.undistributedFen()) + " 元）", body));
        d.add(new Paragraph("可用率 = 发电量 ÷ (发电量 + 故障损失电量)", body));
        d.add(new Paragraph("最差十站 worst ten", title));
        d.add(stationTable(r.worst(), body));
        d.add(new Paragraph("全部电站 all stations", title));
        d.add(stationTable(r.stations(), body));
        d.add(new Paragraph("各村损失 lost by village", title));
        PdfPTable v = new PdfPTable(new float[]{4, 4, 3});
        v.setWidthPercentage(60);
        v.setHorizontalAlignment(Element.ALIGN_LEFT);
        for (String h : new String[]{"村", "代码", "损失(元)"}) {
            v.addCell(cell(h, body));
        }
        for (VillageRow row : r.villages()) {
            v.addCell(cell(row.name(), body));
            v.addCell(cell(row.village(), body));
            v.addCell(cell(yuan(row.lostFen()), body));
        }
        d.add(v);
        d.close();
        return out.toByteArray();
    }

    private static PdfPTable stationTable(List<StationRow> rows, Font body) {
        PdfPTable t = new PdfPTable(new float[]{5, 3, 3, 3, 3, 2, 6});
        t.setWidthPercentage(100);
        t.setSpacingBefore(4);
        t.setSpacingAfter(8);
        for (String h : new String[]{"电站", "可用率(%)", "发电量(kWh)", "损失电量(kWh)", "损失收益(元)", "故障数", "各村损失(元)"}) {
            t.addCell(cell(h, body));
        }
        for (StationRow s : rows) {
            t.addCell(cell(s.name() + " " + s.station(), body));
            t.addCell(cell(percent(s.availabilityPercent()), body));
            t.addCell(cell(s.producedWh() == null ? "-" : kwh(s.producedWh()), body));
            t.addCell(cell(kwh(s.lostWh()), body));
            t.addCell(cell(yuan(s.lostFen()), body));
            t.addCell(cell(String.valueOf(s.faults()), body));
            StringBuilder v = new StringBuilder();
            s.villages().forEach(x -> v.append(x.name()).append(' ').append(yuan(x.lostFen())).append("；"));
            if (s.countyPoolFen() > 0) {
                v.append("县级统筹 ").append(yuan(s.countyPoolFen()));
            }
            t.addCell(cell(v.length() == 0 ? "-" : v.toString(), body));
        }
        return t;
    }

    private static PdfPCell cell(String text, Font f) {
        PdfPCell c = new PdfPCell(new Phrase(text, f));
        c.setPadding(3);
        return c;
    }

    public byte[] xlsx(Report r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "Yangguang", "1.0");
            stationSheet(wb.newWorksheet("电站 stations " + r.month()), r.stations());
            stationSheet(wb.newWorksheet("最差十站 worst ten"), r.worst());
            Worksheet v = wb.newWorksheet("各村 villages");
            String[] vh = {"村 village", "名称 name", "损失(元) lost yuan"};
            for (int c = 0; c < vh.length; c++) {
                v.value(0, c, vh[c]);
            }
            int i = 1;
            for (VillageRow row : r.villages()) {
                v.value(i, 0, row.village());
                v.value(i, 1, row.name());
                v.value(i, 2, Fen.of(row.lostFen()).toYuan());
                v.style(i, 2).format("0.00").set();
                i++;
            }
            v.value(i + 1, 0, "县级统筹 county pool");
            v.value(i + 1, 2, Fen.of(r.countyPoolFen()).toYuan());
            v.value(i + 2, 0, "其他 undistributed");
            v.value(i + 2, 2, Fen.of(r.undistributedFen()).toYuan());
            v.value(i + 3, 0, "合计 total");
            v.value(i + 3, 2, Fen.of(r.lostFen()).toYuan());
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void stationSheet(Worksheet ws, List<StationRow> rows) {
        String[] h = {"电站 station", "名称 name", "可用率(%) availability", "发电量(kWh) produced", "损失电量(kWh) lost",
                "损失收益(元) lost yuan", "故障数 faults", "说明 note"};
        for (int c = 0; c < h.length; c++) {
            ws.value(0, c, h[c]);
        }
        int i = 1;
        for (StationRow s : rows) {
            ws.value(i, 0, s.station());
            ws.value(i, 1, s.name());
            if (s.availabilityPercent() != null) {
                ws.value(i, 2, s.availabilityPercent());
            }
            if (s.producedWh() != null) {
                ws.value(i, 3, BigDecimal.valueOf(s.producedWh(), 3));
            }
            ws.value(i, 4, BigDecimal.valueOf(s.lostWh(), 3));
            ws.value(i, 5, Fen.of(s.lostFen()).toYuan());
            ws.style(i, 5).format("0.00").set();
            ws.value(i, 6, s.faults());
            ws.value(i, 7, s.note());
            i++;
        }
    }
}
