package org.yangguang.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The golden payloads under contract/v1/examples (valid), contract/v1/invalid (telemetry, with the reason code each
 * must be rejected with) and contract/v1/nameplate-invalid (device nameplates, likewise), and the receipts under
 * contract/v2/examples and contract/v2/invalid. Gateway and collector tests read the same files through this class.
 */
public final class GoldenExamples {
    public static final String SUNSPEC_103_OK = "inverter-sunspec-103-ok.json";
    public static final String TIMEOUT = "inverter-timeout.json";
    /** A Huawei SUN2000's nameplate as the gateway reads it from the golden register dump of its map. */
    public static final String NAMEPLATE_HUAWEI = "device-nameplate-huawei.json";
    /** SunSpec model 1 of the simulator's first inverter. */
    public static final String NAMEPLATE_SUNSPEC = "device-nameplate-sunspec.json";
    public static final String RECEIPT_STORED = "receipt-stored.json";
    public static final String RECEIPT_STORED_AND_REFUSED = "receipt-stored-and-refused.json";

    private GoldenExamples() {
    }

    public static byte[] valid(String name) {
        return read("/contract/v1/examples/" + name);
    }

    public static byte[] invalid(String name) {
        return read("/contract/v1/invalid/" + name);
    }

    /** Invalid telemetry example file name → the {@link ContractViolation#code()} it must be rejected with. */
    public static Map<String, String> invalidWithExpectedCodes() {
        return expectedCodes("/contract/v1/invalid/expected-codes.properties");
    }

    public static byte[] invalidNameplate(String name) {
        return read("/contract/v1/nameplate-invalid/" + name);
    }

    /** Invalid nameplate file name → the code it must be rejected with (on a device topic of its station/device). */
    public static Map<String, String> invalidNameplatesWithExpectedCodes() {
        return expectedCodes("/contract/v1/nameplate-invalid/expected-codes.properties");
    }

    /** A golden receipt (contract/v2/examples). */
    public static byte[] receipt(String name) {
        return read("/contract/v2/examples/" + name);
    }

    /** A receipt that breaks the contract (contract/v2/invalid). */
    public static byte[] invalidReceipt(String name) {
        return read("/contract/v2/invalid/" + name);
    }

    /** Invalid receipt file name → the {@link ContractViolation#code()} it must be rejected with. */
    public static Map<String, String> invalidReceiptsWithExpectedCodes() {
        return expectedCodes("/contract/v2/invalid/expected-codes.properties");
    }

    public static byte[] receiptSchema() {
        return read("/contract/v2/receipt.schema.json");
    }

    private static Map<String, String> expectedCodes(String resource) {
        Properties p = new Properties();
        try (InputStream in = stream(resource)) {
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

    public static byte[] nameplateSchema() {
        return read("/contract/v1/device-nameplate.schema.json");
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
