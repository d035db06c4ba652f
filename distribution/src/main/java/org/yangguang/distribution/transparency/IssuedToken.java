package org.yangguang.distribution.transparency;

import io.micronaut.serde.annotation.Serdeable;

/** A new QR link: the URL to print, and the QR code as a PNG (base64). */
@Serdeable
public record IssuedToken(String registrationNo, String url, String qrPngBase64) {
}
