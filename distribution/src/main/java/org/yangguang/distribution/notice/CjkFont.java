package org.yangguang.distribution.notice;

import com.lowagie.text.DocumentException;
import com.lowagie.text.pdf.BaseFont;
import io.micronaut.http.HttpStatus;
import org.yangguang.distribution.api.ApiException;

import java.io.IOException;

/**
 * The Chinese font every printed page embeds ({@code yangguang.notice.font}, "path.ttc,index"): the notice, the QR
 * cards. A missing font is a clear 503 naming the setting, never boxes instead of characters.
 */
public final class CjkFont {
    private CjkFont() {
    }

    public static BaseFont load(String fontPath) {
        try {
            return BaseFont.createFont(fontPath, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
        } catch (DocumentException | IOException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "notice_font_missing", "cannot load the CJK font '"
                    + fontPath + "' (" + e.getMessage() + "); install fonts-noto-cjk or set yangguang.notice.font", null);
        }
    }
}
