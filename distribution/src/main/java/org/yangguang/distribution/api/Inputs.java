package org.yangguang.distribution.api;

import org.yangguang.distribution.money.Fen;

/** Checks of money typed by people or read from files, and of uploaded files' shape, each refusal naming the field. */
public final class Inputs {
    private Inputs() {
    }

    /**
     * A positive amount of fen no larger than {@link Fen#MAX_INPUT}: 400 {@code missing_field},
     * {@code bad_amount} (zero or negative) or {@code amount_too_large}.
     */
    public static long positiveFen(Long fen, String field) {
        if (fen == null) {
            throw ApiException.badRequest("missing_field", field + " is required (fen, a whole number)", field);
        }
        if (fen <= 0) {
            throw ApiException.badRequest("bad_amount", field + " must be a positive number of fen, was " + fen, field);
        }
        return atMostMax(fen, field);
    }

    /** Zero or more fen, at most {@link Fen#MAX_INPUT}. */
    public static long nonNegativeFen(Long fen, String field) {
        if (fen == null || fen < 0) {
            throw ApiException.badRequest("bad_amount", field + " must be zero or a positive number of fen", field);
        }
        return atMostMax(fen, field);
    }

    private static long atMostMax(long fen, String field) {
        if (fen > Fen.MAX_INPUT) {
            throw ApiException.badRequest("amount_too_large", field + " is " + fen + " fen; the largest amount "
                    + "accepted is " + Fen.MAX_INPUT + " fen (" + Fen.of(Fen.MAX_INPUT) + ")", field);
        }
        return fen;
    }

    /**
     * The lines of an uploaded CSV file (a spreadsheet's UTF-8 byte-order mark dropped, CRLF or LF), line 1 being
     * exactly {@code header} (else 400 {@code bad_header}); index i is line i + 1, so callers can name lines as people
     * count them.
     */
    public static String[] csvLines(String content, String header) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        String[] lines = text.split("\r?\n", -1);
        if (lines.length == 0 || !lines[0].strip().equals(header)) {
            throw ApiException.badRequest("bad_header", "line 1 must be the header '" + header + "'", "file");
        }
        return lines;
    }
}
