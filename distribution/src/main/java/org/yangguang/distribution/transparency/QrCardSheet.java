package org.yangguang.distribution.transparency;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import org.yangguang.distribution.household.HouseholdView;
import org.yangguang.distribution.household.Masking;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A sheet of QR cards for one household, one card per member (A4, two columns, cut along the borders): each card
 * carries the household's link as a QR code, the village, the member's name masked as everywhere else and the
 * relation, so every member can open the household's page. The Chinese font is embedded, as the notice's is
 * ({@code yangguang.notice.font}).
 */
final class QrCardSheet {
    private static final Map<String, String> RELATIONS = Map.ofEntries(Map.entry("HEAD", "户主"),
            Map.entry("SPOUSE", "配偶"), Map.entry("SON", "儿子"), Map.entry("DAUGHTER", "女儿"),
            Map.entry("FATHER", "父亲"), Map.entry("MOTHER", "母亲"), Map.entry("GRANDCHILD", "孙辈"),
            Map.entry("CHILD", "子女"), Map.entry("MEMBER", "家庭成员"));

    private QrCardSheet() {
    }

    static String relation(String code) {
        return RELATIONS.getOrDefault(code, code);
    }

    static byte[] render(String fontPath, String villageName, HouseholdView household, String url, byte[] qrPng) {
        BaseFont bf = org.yangguang.distribution.notice.CjkFont.load(fontPath);
        Font title = new Font(bf, 13, Font.BOLD);
        Font body = new Font(bf, 10);
        Font small = new Font(bf, 7);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document d = new Document(PageSize.A4, 28, 28, 28, 28);
        PdfWriter.getInstance(d, out);
        d.open();
        PdfPTable cards = new PdfPTable(2);
        cards.setWidthPercentage(100);
        List<HouseholdView.MemberView> members = household.members();
        for (HouseholdView.MemberView m : members) {
            cards.addCell(card(villageName, m, url, qrPng, title, body, small));
        }
        if (members.size() % 2 == 1) {
            PdfPCell empty = new PdfPCell();
            empty.setBorder(Rectangle.NO_BORDER);
            cards.addCell(empty);
        }
        d.add(cards);
        d.close();
        return out.toByteArray();
    }

    private static PdfPCell card(String village, HouseholdView.MemberView m, String url, byte[] qrPng, Font title,
                                 Font body, Font small) {
        PdfPCell c = new PdfPCell();
        c.setPadding(10);
        c.setBorderWidth(0.5f);
        // three rows of two on an A4 page, with room for the link under the code
        c.setFixedHeight(240);
        Paragraph head = new Paragraph("光伏收益 一码清", title);
        head.setAlignment(Element.ALIGN_CENTER);
        c.addElement(head);
        Paragraph who = new Paragraph(village + " · " + Masking.name(m.name()) + "（" + relation(m.relation()) + "）",
                body);
        who.setAlignment(Element.ALIGN_CENTER);
        c.addElement(who);
        try {
            Image qr = Image.getInstance(qrPng);
            qr.scaleAbsolute(110, 110);
            qr.setAlignment(Element.ALIGN_CENTER);
            c.addElement(qr);
        } catch (IOException | DocumentException e) {
            throw new IllegalStateException("QR image", e);
        }
        Paragraph how = new Paragraph("微信或手机相机扫码，查看我家每一笔光伏收益。请妥善保管，遗失请找村委会补办。", small);
        how.setAlignment(Element.ALIGN_CENTER);
        c.addElement(how);
        Paragraph link = new Paragraph(url, small);
        link.setAlignment(Element.ALIGN_CENTER);
        c.addElement(link);
        return c;
    }
}
