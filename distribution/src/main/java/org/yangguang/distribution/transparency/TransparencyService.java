package org.yangguang.distribution.transparency;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Audit;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.access.Scopes;
import org.yangguang.distribution.household.Household;
import org.yangguang.distribution.household.HouseholdService;
import org.yangguang.distribution.household.HouseholdView;
import org.yangguang.distribution.household.Masking;
import org.yangguang.distribution.ledger.Ledger;
import org.yangguang.distribution.payment.PaymentLineState;
import org.yangguang.distribution.payment.PaymentService;
import org.yangguang.distribution.registry.Registry;
import org.yangguang.distribution.workflow.Objection;
import org.yangguang.distribution.workflow.PlanService;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * 一码清 (issue 9): each household gets a QR code with a signed, revocable link to a page that shows its own
 * payments and nothing else, without login, with the ledger's head (to compare with the books), and where the
 * household files an objection to a plan under public notice itself (issue 12 §8). The token is {@code <random id>.<HMAC-SHA256(id:household)>}: the
 * id is looked up (revocation), the MAC proves the link was issued here and binds it to one household. Issuing a
 * new link revokes the old one. Signing key: {@code yangguang.household.token-secret} (YANGGUANG_HOUSEHOLD_TOKEN_SECRET);
 * without it a per-process key is used and printed codes stop working at restart.
 */
@Singleton
public class TransparencyService {
    private static final Logger LOG = LoggerFactory.getLogger(TransparencyService.class);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final HouseholdTokenRepository tokens;
    private final HouseholdService households;
    private final PaymentService payments;
    private final PlanService plans;
    private final Registry villages;
    private final Ledger ledger;
    private final Scopes scopes;
    private final Audit audit;
    private final Clock clock;
    private final byte[] key;
    private final String publicUrl;
    private final String fontPath;
    private final SecureRandom random = new SecureRandom();

    public TransparencyService(HouseholdTokenRepository tokens, HouseholdService households, PaymentService payments,
                               PlanService plans, Registry villages, Ledger ledger, Scopes scopes, Audit audit,
                               Clock clock, @Value("${yangguang.household.token-secret:}") String secret,
                               @Value("${yangguang.public-url:}") String publicUrl,
                               @Value("${yangguang.notice.font:/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc,2}")
                               String fontPath) {
        this.fontPath = fontPath;
        this.tokens = tokens;
        this.households = households;
        this.payments = payments;
        this.plans = plans;
        this.villages = villages;
        this.ledger = ledger;
        this.scopes = scopes;
        this.audit = audit;
        this.clock = clock;
        if (secret.isBlank()) {
            this.key = new byte[32];
            random.nextBytes(key);
            LOG.warn("yangguang.household.token-secret is not set: household QR links are signed with a per-process "
                    + "key and stop working when the service restarts");
        } else {
            this.key = secret.getBytes(StandardCharsets.UTF_8);
        }
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @Transactional
    public IssuedToken issue(Actor actor, String registrationNo, String reason, String requestBase) {
        scopes.requireRole(actor, Role.VILLAGE_COMMITTEE, Role.ADMIN);
        String why = Audit.requireReason(reason);
        Household h = households.household(registrationNo);
        scopes.requireVillage(actor, villages.village(h.villageId()));
        revokeAll(h);
        byte[] raw = new byte[16];
        random.nextBytes(raw);
        String tokenId = HexFormat.of().formatHex(raw);
        tokens.save(new HouseholdToken(null, h.id(), tokenId, actor.username(), clock.instant(), null));
        String token = tokenId + "." + mac(tokenId, h.id());
        String url = (publicUrl.isEmpty() ? requestBase : publicUrl) + "/h/" + token;
        audit.record(actor, "household.qr_issue", "household", registrationNo, why, "new QR link; earlier ones revoked");
        return new IssuedToken(registrationNo, url, Base64.getEncoder().encodeToString(qrPng(url)));
    }

    /**
     * A printable sheet of the household's QR cards, one per member ({@link QrCardSheet}): it issues a new link, so
     * the cards printed before stop working (the committee hands out the new ones).
     */
    @Transactional
    public byte[] qrSheet(Actor actor, String registrationNo, String reason, String requestBase) {
        IssuedToken t = issue(actor, registrationNo, reason, requestBase);
        HouseholdView h = households.get(actor, registrationNo);
        Household household = households.household(registrationNo);
        return QrCardSheet.render(fontPath, villages.village(household.villageId()).name(), h, t.url(),
                Base64.getDecoder().decode(t.qrPngBase64()));
    }

    @Transactional
    public void revoke(Actor actor, String registrationNo, String reason) {
        scopes.requireRole(actor, Role.VILLAGE_COMMITTEE, Role.ADMIN);
        String why = Audit.requireReason(reason);
        Household h = households.household(registrationNo);
        scopes.requireVillage(actor, villages.village(h.villageId()));
        revokeAll(h);
        audit.record(actor, "household.qr_revoke", "household", registrationNo, why, "QR links revoked");
    }

    private void revokeAll(Household h) {
        for (HouseholdToken t : tokens.findByHouseholdId(h.id())) {
            if (t.revokedAt() == null) {
                tokens.update(t.revoked(clock.instant()));
            }
        }
    }

    /** The household behind a live token, or empty (the caller answers 404 for anything else). */
    private Optional<Household> holder(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String tokenId = token.substring(0, dot);
        Optional<HouseholdToken> t = tokens.findByTokenId(tokenId).filter(x -> x.revokedAt() == null);
        if (t.isEmpty() || !MessageDigest.isEqual(mac(tokenId, t.get().householdId()).getBytes(StandardCharsets.US_ASCII),
                token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return Optional.of(households.byId(t.get().householdId()));
    }

    /** The page behind a token; empty for anything not a live token. */
    @Transactional
    public Optional<HouseholdPage> page(String token) {
        return holder(token).map(h -> {
            List<HouseholdPage.Payment> ps = new java.util.ArrayList<>();
            long total = 0;
            for (PaymentService.Received p : payments.ofHousehold(h.id())) {
                if (p.state() == PaymentLineState.PAID) {
                    total = Math.addExact(total, p.amountFen());
                }
                if (p.state() == PaymentLineState.PAID || p.state() == PaymentLineState.IN_BATCH) {
                    ps.add(new HouseholdPage.Payment(p.period(), p.category(), p.amountFen(), p.state().name(),
                            p.paidIntoMasked()));
                }
            }
            List<HouseholdPage.ObjectionRow> os = new java.util.ArrayList<>();
            for (Objection o : plans.objectionsOf(h.id())) {
                os.add(new HouseholdPage.ObjectionRow(o.raisedOn().toString(), o.text(), o.state().name(),
                        o.state() == Objection.State.RESOLVED ? o.resolution() : null));
            }
            return new HouseholdPage(Masking.name(h.headName()), villages.village(h.villageId()).name(), ps, total,
                    os, ledger.head().printed());
        });
    }

    /**
     * An objection the household files itself (its link is the authentication; the plans' facade limits how many a
     * day). Empty for a token that is not live.
     */
    @Transactional
    public Optional<Objection> object(String token, Long planId, String text) {
        return holder(token).map(h -> plans.fileObjection(h.id(), planId, text));
    }

    private String mac(String tokenId, long householdId) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return B64.encodeToString(m.doFinal((tokenId + ":" + householdId).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] qrPng(String text) {
        try {
            BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 256, 256,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
            BufferedImage img = new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
            for (int y = 0; y < m.getHeight(); y++) {
                for (int x = 0; x < m.getWidth(); x++) {
                    img.setRGB(x, y, m.get(x, y) ? 0x000000 : 0xFFFFFF);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (WriterException | IOException e) {
            throw new IllegalStateException("QR encoding failed", e);
        }
    }
}
