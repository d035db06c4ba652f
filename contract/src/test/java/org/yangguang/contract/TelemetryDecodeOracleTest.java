package org.yangguang.contract;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming reader against the tree-walking oracle on mangled payloads: each must yield the same telemetry
 * or refuse with the same code and field. Mutations are what gateways and people actually get wrong: missing and
 * repeated fields, wrong types, nulls, odd numbers, nested junk, truncation and stray bytes.
 */
class TelemetryDecodeOracleTest {
    private static final String[] TOP = {"schema", "station", "gateway", "device", "kind", "model", "ts", "seq",
            "status", "error", "points"};
    private static final String[] VALUES = {"1", "2", "0", "-1", "1.0", "1e3", "12345678901234567890", "1e400",
            "\"\"", "\"x\"", "\"lin-baiwen-01\"", "\"Bad Id\"", "\"ok\"", "\"timeout\"", "\"nope\"", "null", "true",
            "{}", "[]", "[1,{\"a\":2}]", "{\"value\":1,\"unit\":\"W\"}", "\"W\"", "-0.0", "3.14"};

    @Test
    void theStreamingReaderAgreesWithTheTreeOracle() throws Exception {
        Random rnd = new Random(20261123);
        String golden = new String(GoldenExamples.valid(GoldenExamples.SUNSPEC_103_OK), StandardCharsets.UTF_8);
        String timeout = new String(GoldenExamples.valid(GoldenExamples.TIMEOUT), StandardCharsets.UTF_8);
        int accepted = 0;
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String doc = mutate(rnd.nextBoolean() ? golden : timeout, rnd, 1 + rnd.nextInt(3));
            byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
            Object expected = outcome(() -> TreeDecoderOracle.decode(bytes));
            Object actual = outcome(() -> TelemetryCodec.decode(bytes));
            assertThat(actual).as("payload %s", doc).isEqualTo(expected);
            if (actual instanceof Telemetry) {
                accepted++;
            } else {
                codes.add(actual.toString());
            }
        }
        // the mutations reach both sides of the contract, and most refusals
        assertThat(accepted).isGreaterThan(1000);
        assertThat(codes.stream().map(c -> c.substring(0, c.indexOf('@'))).distinct())
                .contains("missing_field", "bad_id", "bad_status", "bad_value", "missing_unit", "wrong_unit",
                        "bad_point", "bad_point_name", "not_json", "not_object", "unsupported_schema", "no_points");
    }

    @Test
    void aBatchDecodesEachReadingAsItWouldBeDecodedAlone() throws Exception {
        Random rnd = new Random(20261124);
        String golden = new String(GoldenExamples.valid(GoldenExamples.SUNSPEC_103_OK), StandardCharsets.UTF_8);
        String timeout = new String(GoldenExamples.valid(GoldenExamples.TIMEOUT), StandardCharsets.UTF_8);
        String[] notObjects = {"\"x\"", "1", "[1,{\"a\":2}]", "null", "\"a \\\" quote\""};
        int batches = 0;
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 3_000; i++) {
            List<byte[]> docs = new ArrayList<>();
            for (int k = 1 + rnd.nextInt(5); k > 0; k--) {
                String doc = rnd.nextInt(12) == 0 ? notObjects[rnd.nextInt(notObjects.length)]
                        : mutate(rnd.nextBoolean() ? golden : timeout, rnd, rnd.nextInt(3));
                docs.add(doc.getBytes(StandardCharsets.UTF_8));
            }
            byte[] batch = TelemetryBatch.encode(docs);
            Object envelope = outcome(() -> {
                TelemetryBatch.split(batch);
                return null;
            });
            List<TelemetryBatch.Reading> read;
            try {
                read = TelemetryBatch.read(batch);
            } catch (ContractViolation v) {
                // unusable as a whole exactly when split says so, for the same reason
                assertThat(v.code() + "@" + v.field()).as("batch %s", new String(batch, StandardCharsets.UTF_8)).isEqualTo(envelope);
                continue;
            }
            assertThat(envelope).isNull();
            List<byte[]> alone = TelemetryBatch.split(batch);
            assertThat(read).hasSameSizeAs(alone);
            for (int j = 0; j < read.size(); j++) {
                byte[] bytes = alone.get(j);
                TelemetryBatch.Reading r = read.get(j);
                assertThat(r.bytes()).isEqualTo(bytes);
                assertThat((r.telemetry() == null) != (r.violation() == null)).as("telemetry or violation").isTrue();
                Object actual = r.telemetry() != null ? r.telemetry() : r.violation().code() + "@" + r.violation().field();
                assertThat(actual).as("reading %s", new String(bytes, StandardCharsets.UTF_8))
                        .isEqualTo(outcome(() -> TelemetryCodec.decode(bytes)));
                if (r.telemetry() != null) {
                    accepted++;
                } else {
                    refused++;
                }
            }
            batches++;
        }
        assertThat(batches).isGreaterThan(1000);
        assertThat(accepted).isGreaterThan(1000);
        assertThat(refused).isGreaterThan(1000);
    }

    @Test
    void idsAndPointNamesFollowTheirPatterns() {
        Pattern pointName = Pattern.compile("[a-z][a-z0-9_]{0,63}");
        Random rnd = new Random(3);
        String alphabet = "az09_-A.Z é";
        for (int i = 0; i < 100_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = rnd.nextInt(4) == 0 ? 60 + rnd.nextInt(8) : rnd.nextInt(6);
            for (int k = 0; k < n; k++) {
                b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            String s = b.toString();
            assertThat(Topics.isId(s)).as("id '%s'", s).isEqualTo(Topics.ID.matcher(s).matches());
            assertThat(TelemetryCodec.isPointName(s)).as("point '%s'", s).isEqualTo(pointName.matcher(s).matches());
        }
    }

    private interface Decode {
        Telemetry run() throws ContractViolation;
    }

    /** The telemetry, or "code@field" of the refusal. */
    private static Object outcome(Decode d) {
        try {
            return d.run();
        } catch (ContractViolation v) {
            return v.code() + "@" + v.field();
        }
    }

    private static String mutate(String doc, Random rnd, int times) {
        for (int t = 0; t < times; t++) {
            switch (rnd.nextInt(9)) {
                case 0 -> {
                    String field = TOP[rnd.nextInt(TOP.length)];
                    doc = replaceValue(doc, field, value(field, rnd));
                }
                case 1 -> doc = removeField(doc, TOP[rnd.nextInt(TOP.length)]);
                case 2 -> {
                    String field = TOP[rnd.nextInt(TOP.length)];
                    doc = doc.replaceFirst("\\{", "{\"" + field + "\":" + value(field, rnd) + ",");
                }
                case 3 -> doc = doc.substring(0, rnd.nextInt(Math.max(1, doc.length()))); // truncated
                case 4 -> { // a point's value, unit or text
                    String f = new String[]{"\"value\":", "\"unit\":", "\"text\":"}[rnd.nextInt(3)];
                    int at = nth(doc, f, rnd);
                    if (at >= 0) {
                        int end = valueEnd(doc, at + f.length());
                        doc = doc.substring(0, at + f.length()) + value(f.substring(1, f.length() - 2), rnd) + doc.substring(end);
                    }
                }
                case 5 -> doc = doc.replace("\"ac_power\"", new String[]{"\"AC-Power\"", "\"ac_current\"", "\"x\"",
                        "\"\"", "\"a" + "b".repeat(70) + "\""}[rnd.nextInt(5)]);
                case 6 -> doc = doc.replace("\"points\":{", "\"points\":{\"extra_point\":"
                        + VALUES[rnd.nextInt(VALUES.length)] + ",");
                case 7 -> { // a stray byte
                    int at = rnd.nextInt(doc.length() + 1);
                    doc = doc.substring(0, at) + "{}[],:\"x1 ".charAt(rnd.nextInt(10)) + doc.substring(at);
                }
                default -> doc = rnd.nextBoolean() ? " " + doc + " " : "[" + doc + "]";
            }
        }
        return doc;
    }

    /**
     * A replacement value. Not a number for "error" and a point's "text": a number there is kept as written by
     * the streaming reader (1e400 stays "1e400") where a tree normalises it ("Infinity"); either way it is a
     * gateway's bug shown as text.
     */
    private static String value(String field, Random rnd) {
        String v;
        do {
            v = VALUES[rnd.nextInt(VALUES.length)];
        } while ((field.equals("error") || field.equals("text")) && (Character.isDigit(v.charAt(0)) || v.charAt(0) == '-'));
        return v;
    }

    private static int nth(String doc, String needle, Random rnd) {
        List<Integer> at = new ArrayList<>();
        for (int i = doc.indexOf(needle); i >= 0; i = doc.indexOf(needle, i + 1)) {
            at.add(i);
        }
        return at.isEmpty() ? -1 : at.get(rnd.nextInt(at.size()));
    }

    private static String replaceValue(String doc, String field, String value) {
        String key = "\"" + field + "\":";
        int at = doc.indexOf(key);
        if (at < 0) {
            return doc;
        }
        int end = valueEnd(doc, at + key.length());
        return doc.substring(0, at + key.length()) + value + doc.substring(end);
    }

    private static String removeField(String doc, String field) {
        String key = "\"" + field + "\":";
        int at = doc.indexOf(key);
        if (at < 0) {
            return doc;
        }
        int end = valueEnd(doc, at + key.length());
        if (end < doc.length() && doc.charAt(end) == ',') {
            end++;
        } else if (at > 0 && doc.charAt(at - 1) == ',') {
            at--;
        }
        return doc.substring(0, at) + doc.substring(end);
    }

    /** End of the JSON value starting at {@code from} (skips strings, balances brackets). */
    private static int valueEnd(String doc, int from) {
        int depth = 0;
        boolean str = false;
        for (int i = from; i < doc.length(); i++) {
            char c = doc.charAt(i);
            if (str) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    str = false;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
            } else if (c == '"') {
                str = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    return i;
                }
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return doc.length();
    }
}
