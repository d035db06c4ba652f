package org.yangguang.distribution;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.household.HouseholdStatus;
import org.yangguang.distribution.household.HouseholdView;
import org.yangguang.distribution.household.LabourCapacity;
import org.yangguang.distribution.transparency.IssuedToken;
import org.yangguang.distribution.transparency.TransparencyService;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** 一码清: a signed, revocable link per household, no login, nothing about anyone else. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TransparencySuite {
    DistributionApp app;
    TestData data;

    abstract SharedApps.Db db();

    @BeforeAll
    void start() {
        app = SharedApps.app(db());
        data = new TestData(app);
    }

    @Test
    void aHouseholdSeesOnlyItselfAndRevokedLinksDie() throws Exception {
        HouseholdView mine = data.household("lin-yaotou", HouseholdStatus.REGISTERED_POOR, LabourCapacity.FULL);
        HouseholdView other = data.household("lin-yaotou", HouseholdStatus.REGISTERED_POOR, LabourCapacity.FULL);
        TransparencyService qr = app.bean(TransparencyService.class);
        IssuedToken t = qr.issue(data.committee("lin-yaotou"), mine.registrationNo(), "print QR card", "http://x");
        assertThat(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(t.qrPngBase64()))).getWidth())
                .isEqualTo(256);
        String path = t.url().substring(t.url().indexOf("/h/"));
        String page = app.http().retrieve(HttpRequest.GET(path), String.class);
        assertThat(page).contains("曜头村").contains("户主 成*").doesNotContain(mine.registrationNo())
                .doesNotContain(other.registrationNo()).doesNotContain("6228480012345678");
        // tampering with the signature, or with the id, finds nothing
        assertThat(status(path.substring(0, path.length() - 2) + "xx")).isEqualTo(404);
        assertThat(status("/h/0123456789abcdef0123456789abcdef." + path.substring(path.indexOf('.') + 1))).isEqualTo(404);
        // a new card revokes the old one
        IssuedToken again = qr.issue(data.committee("lin-yaotou"), mine.registrationNo(), "card lost", "http://x");
        assertThat(status(path)).isEqualTo(404);
        String newPath = again.url().substring(again.url().indexOf("/h/"));
        assertThat(status(newPath)).isEqualTo(200);
        qr.revoke(data.committee("lin-yaotou"), mine.registrationNo(), "household moved away");
        assertThat(status(newPath)).isEqualTo(404);
        // only the village's committee (or admin) issues codes
        assertThat(RegistrySuite.refusal(() -> qr.issue(data.committee("lin-fanjiagou"), mine.registrationNo(), "r", "x")))
                .isEqualTo("forbidden|null");
        assertThat(RegistrySuite.refusal(() -> qr.issue(data.county(Role.FINANCE), mine.registrationNo(), "r", "x")))
                .isEqualTo("forbidden|null");
    }

    private int status(String path) {
        try {
            return app.http().exchange(HttpRequest.GET(path), String.class).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }
}
