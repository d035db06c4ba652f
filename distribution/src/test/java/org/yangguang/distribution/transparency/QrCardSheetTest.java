package org.yangguang.distribution.transparency;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.junit.jupiter.api.Test;
import org.yangguang.distribution.DistributionApp;
import org.yangguang.distribution.SharedApps;
import org.yangguang.distribution.TestData;
import org.yangguang.distribution.household.HouseholdStatus;
import org.yangguang.distribution.household.HouseholdView;
import org.yangguang.distribution.household.LabourCapacity;
import org.yangguang.distribution.household.NewHousehold;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A household's sheet of QR cards: one card per member with the village, the member's name masked and the relation
 * in Chinese (the font embedded: the text extracts as Chinese), and the link it carries is the household's live one
 * (printing a sheet revokes the cards printed before).
 */
class QrCardSheetTest {
    @Test
    void oneCardPerMemberWithTheLiveLink() throws Exception {
        DistributionApp app = SharedApps.app(SharedApps.Db.H2);
        TestData data = new TestData(app);
        HouseholdView h = data.household("lin-yaotou", HouseholdStatus.REGISTERED_POOR, List.of(
                new NewHousehold.NewMember("高秀兰", TestData.idNumber(), "HEAD", LabourCapacity.FULL),
                new NewHousehold.NewMember("李大成", TestData.idNumber(), "SPOUSE", LabourCapacity.FULL),
                new NewHousehold.NewMember("李小明", TestData.idNumber(), "SON", LabourCapacity.NONE)));
        TransparencyService qr = app.bean(TransparencyService.class);
        IssuedToken before = qr.issue(data.committee("lin-yaotou"), h.registrationNo(), "first card", "http://x");
        byte[] pdf = qr.qrSheet(data.committee("lin-yaotou"), h.registrationNo(), "print the cards", "http://x");
        PdfReader reader = new PdfReader(pdf);
        String text = new PdfTextExtractor(reader).getTextFromPage(1);
        assertThat(text.split("光伏收益 一码清", -1)).hasSize(4);
        assertThat(text).contains("曜头村", "高**（户主）", "李**（配偶）", "李**（儿子）").doesNotContain("高秀兰")
                .doesNotContain(h.registrationNo());
        assertThat(text).contains("http://x/h/");
        // the sheet carries a new link: the card printed before no longer opens the page
        assertThat(qr.page(before.url().substring(before.url().indexOf("/h/") + 3))).isEmpty();
    }
}
