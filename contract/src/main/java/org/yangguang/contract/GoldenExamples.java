package org.yangguang.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The golden payloads under contract/v1/examples (valid) and contract/v1/invalid (with the reason code each
 * must be rejected with). Gateway and collector tests read the same files through this class.
 */
public final class GoldenExamples {
    public static final String SUNSPEC_103_OK = "inverter-sunspec-103-ok.json";
    public static final String TIMEOUT = "inverter-timeout.json";

    private GoldenExamples() {
    }

    public static byte[] valid(String name) {
        return read("/contract/v1/examples/" + name);
    }

    public static byte[] invalid(String name) {
        return read("/contract/v1/invalid/" + name);
    }

    /** Invalid example file name → the {@link ContractViolation#code()} it must be rejected with. */
    public static Map<String, String> invalidWithExpectedCodes() {
        Properties p = new Properties();
        try (InputStream in = stream("/contract/v1/invalid/expected-codes.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    public static byte[] schema() {
        return read("/contract/v1/telemetry.schema.json");
    }

    private static byte[] read(String resource) {
        try (InputStream in = stream(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String resource) {
        InputStream in = GoldenExamples.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("no contract resource " + resource);
        }
        return in;
    }
}
