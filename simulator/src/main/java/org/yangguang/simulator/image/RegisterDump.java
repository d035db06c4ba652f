package org.yangguang.simulator.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The registers of one device at one moment: a register dump, as read from a real unit or written from its
 * manufacturer's protocol document, in a text file a person can check line by line (simulator/README.md,
 * "Register images"):
 *
 * <pre>
 * # Huawei SUN2000-50KTL-M3 at noon                      comments run from # to the end of the line
 * holding 30000 "SUN2000-50KTL-M3"/15                     a text packed two characters a register, NUL-padded to 15
 * holding 30071 8 4 0x0000 0xC350                         consecutive registers from 30071, decimal or 0x hex
 * input   5000  0x2C06                                    input registers (function code 4)
 * </pre>
 *
 * Registers not listed do not exist: a read touching one is refused with "illegal data address", as a device
 * refuses registers it does not have. Immutable; {@link #with} derives a changed image (another serial number, a
 * larger counter) for a swap.
 */
public final class RegisterDump {
    /** Which register table a line fills. */
    public enum Table { HOLDING, INPUT }

    private final String name;
    private final NavigableMap<Integer, Integer> holding;
    private final NavigableMap<Integer, Integer> input;

    private RegisterDump(String name, NavigableMap<Integer, Integer> holding, NavigableMap<Integer, Integer> input) {
        this.name = name;
        this.holding = Collections.unmodifiableNavigableMap(holding);
        this.input = Collections.unmodifiableNavigableMap(input);
    }

    /** An image shipped with the simulator ({@code resources/images/NAME.txt}), e.g. {@code huawei-sun2000-50ktl-m3}. */
    public static RegisterDump shipped(String name) {
        try (InputStream in = RegisterDump.class.getResourceAsStream("/images/" + name + ".txt")) {
            if (in == null) {
                throw new IllegalArgumentException("no shipped register image '" + name + "' (simulator resources/images)");
            }
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A shipped image by name, or a file when the argument names one (contains '/' or ends in .txt). */
    public static RegisterDump named(String nameOrFile) {
        if (nameOrFile.contains("/") || nameOrFile.endsWith(".txt")) {
            return load(Path.of(nameOrFile));
        }
        return shipped(nameOrFile);
    }

    public static RegisterDump load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read register image: " + e.getMessage(), e);
        }
    }

    /** Parses the text format; every problem names {@code source:line}. */
    public static RegisterDump parse(String source, String text) {
        NavigableMap<Integer, Integer> holding = new TreeMap<>();
        NavigableMap<Integer, Integer> input = new TreeMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String where = source + ":" + (i + 1) + ": ";
            List<String> tokens = tokens(lines[i], where);
            if (tokens.isEmpty()) {
                continue;
            }
            NavigableMap<Integer, Integer> table = switch (tokens.get(0)) {
                case "holding" -> holding;
                case "input" -> input;
                default -> throw new IllegalArgumentException(where + "a line starts with 'holding' or 'input', not '"
                        + tokens.get(0) + "'");
            };
            if (tokens.size() < 3) {
                throw new IllegalArgumentException(where + "needs an address and at least one value");
            }
            int address = number(tokens.get(1), where, 0, 65535);
            for (String token : tokens.subList(2, tokens.size())) {
                for (int value : values(token, where)) {
                    if (address > 65535) {
                        throw new IllegalArgumentException(where + "registers run past 65535");
                    }
                    if (table.put(address, value) != null) {
                        throw new IllegalArgumentException(where + tokens.get(0) + " register " + address
                                + " is given twice");
                    }
                    address++;
                }
            }
        }
        return new RegisterDump(source, holding, input);
    }

    /** Whitespace-separated tokens up to a '#', with "quoted texts" kept whole. */
    private static List<String> tokens(String line, String where) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                break;
            } else if (c == '"') {
                int end = line.indexOf('"', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException(where + "unterminated text");
                }
                int j = end + 1;
                while (j < line.length() && !Character.isWhitespace(line.charAt(j))) {
                    j++;
                }
                out.add(line.substring(i, j));
                i = j;
            } else {
                int j = i;
                while (j < line.length() && !Character.isWhitespace(line.charAt(j)) && line.charAt(j) != '#') {
                    j++;
                }
                out.add(line.substring(i, j));
                i = j;
            }
        }
        return out;
    }

    /** One register, or a text {@code "ABC"/N} packed into N registers (two ASCII characters each, NUL-padded). */
    private static int[] values(String token, String where) {
        if (!token.startsWith("\"")) {
            return new int[]{number(token, where, 0, 65535)};
        }
        int close = token.lastIndexOf('"');
        String text = token.substring(1, close);
        String rest = token.substring(close + 1);
        if (!rest.startsWith("/")) {
            throw new IllegalArgumentException(where + "a text needs its length in registers: \"" + text + "\"/N");
        }
        int registers = number(rest.substring(1), where, 1, 125);
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        if (b.length > registers * 2) {
            throw new IllegalArgumentException(where + "\"" + text + "\" does not fit in " + registers + " registers");
        }
        return pack(b, registers);
    }

    private static int[] pack(byte[] b, int registers) {
        int[] out = new int[registers];
        for (int k = 0; k < registers; k++) {
            int hi = 2 * k < b.length ? b[2 * k] & 0xFF : 0;
            int lo = 2 * k + 1 < b.length ? b[2 * k + 1] & 0xFF : 0;
            out[k] = hi << 8 | lo;
        }
        return out;
    }

    private static int number(String token, String where, int min, int max) {
        long v;
        try {
            v = token.startsWith("0x") || token.startsWith("0X") ? Long.parseLong(token.substring(2), 16)
                    : Long.parseLong(token);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + "'" + token + "' is not a number (decimal or 0x hex)");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(where + token + " is outside " + min + ".." + max);
        }
        return (int) v;
    }

    /** A copy with {@code values} from {@code address} on (existing registers replaced, new ones added). */
    public RegisterDump with(Table table, int address, int... values) {
        NavigableMap<Integer, Integer> h = new TreeMap<>(holding);
        NavigableMap<Integer, Integer> in = new TreeMap<>(input);
        NavigableMap<Integer, Integer> t = table == Table.HOLDING ? h : in;
        for (int k = 0; k < values.length; k++) {
            t.put(address + k, values[k] & 0xFFFF);
        }
        return new RegisterDump(name, h, in);
    }

    /** A copy with {@code text} packed into {@code registers} registers from {@code address}. */
    public RegisterDump withText(Table table, int address, int registers, String text) {
        return with(table, address, pack(text.getBytes(StandardCharsets.US_ASCII), registers));
    }

    /** A copy with a 32-bit value, high word first (Huawei, SunSpec) or low word first (Sungrow). */
    public RegisterDump with32(Table table, int address, long value, boolean highWordFirst) {
        int hi = (int) (value >>> 16) & 0xFFFF;
        int lo = (int) value & 0xFFFF;
        return highWordFirst ? with(table, address, hi, lo) : with(table, address, lo, hi);
    }

    public String name() {
        return name;
    }

    /** Holding registers (function code 3) by address. */
    public NavigableMap<Integer, Integer> holding() {
        return holding;
    }

    /** Input registers (function code 4) by address. */
    public NavigableMap<Integer, Integer> input() {
        return input;
    }

    /** {@code count} registers from {@code address}, or null when any of them does not exist. */
    public int[] read(Table table, int address, int count) {
        NavigableMap<Integer, Integer> t = table == Table.HOLDING ? holding : input;
        int[] out = new int[count];
        for (int k = 0; k < count; k++) {
            Integer v = t.get(address + k);
            if (v == null) {
                return null;
            }
            out[k] = v;
        }
        return out;
    }

    @Override
    public String toString() {
        return "register image " + name + " (" + holding.size() + " holding, " + input.size() + " input registers)";
    }
}
