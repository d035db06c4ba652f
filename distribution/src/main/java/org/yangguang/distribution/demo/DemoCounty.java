package org.yangguang.distribution.demo;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo county as {@code demo/county.yaml} describes it (that file's comments are the reference): places,
 * stations, accounts and policies, then the history. Read once at start-up; an error names the file and the key.
 */
public record DemoCounty(Place county, List<TownshipSpec> townships, List<StationSpec> stations,
                         List<AccountSpec> accounts, List<String> policies,
                         Map<String, List<HouseholdSpec>> households, List<PostSpec> posts,
                         List<ProjectSpec> projects, HistorySpec history) {

    public record Place(String code, String name) {
    }

    public record TownshipSpec(String code, String name, List<Place> villages) {
    }

    /**
     * A station with where it stands, the gateway serving it (its broker user is its code) and its devices, which the
     * seed records in the registry of record so the collector, the broker's access and each station.yaml come from it.
     */
    public record StationSpec(String code, String name, String kind, BigDecimal kwp, String batch, String zone,
                              LocalDate grid, Map<String, BigDecimal> shares, BigDecimal latitude,
                              BigDecimal longitude, String gateway, List<DeviceSpec> devices) {
    }

    /** A device on the station's one link: unit id, kind, capacity; SunSpec unless a vendor register map is named. */
    public record DeviceSpec(String code, String kind, int unit, BigDecimal kwp, String registerMap) {
    }

    public record AccountSpec(String username, String role, String person, String village, String township) {
    }

    public record Bank(String name, String account) {
    }

    public record MemberSpec(String name, String id17, String relation, String labour, Bank bank) {
    }

    public record HouseholdSpec(String no, String status, Bank bank, List<MemberSpec> members) {
    }

    public record PostSpec(String village, String type, String holder, long wageFen, int worked, int required) {
    }

    public record ProjectSpec(String village, String name, String payeeKind, String payee, Bank bank,
                              long budgetFen) {
    }

    public record LineSpec(String village, String category, String household, BigDecimal weight, String basis,
                           String reference) {
    }

    public record SmallProjectSpec(String village, String category, BigDecimal percent, String project,
                                   long fixedFen, String from) {
    }

    public record HistorySpec(int monthsBack, Map<String, BigDecimal> statementKwh, int subsidyEvery,
                              Map<String, BigDecimal> categories, SmallProjectSpec smallProject, List<LineSpec> lines,
                              boolean currentMonthReceipts) {
    }

    /** The copy bundled into the jar (built from demo/county.yaml). */
    public static DemoCounty bundled() {
        try (InputStream in = DemoCounty.class.getResourceAsStream("/demo/county.yaml")) {
            if (in == null) {
                throw new IllegalStateException("/demo/county.yaml is not on the classpath (distribution's build "
                        + "copies demo/county.yaml into its jar)");
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), "demo/county.yaml");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /demo/county.yaml: " + e.getMessage(), e);
        }
    }

    public static DemoCounty load(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static DemoCounty read(Reader reader, String source) {
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(options)).load(reader);
        } catch (YAMLException e) {
            throw new IllegalStateException(source + ": " + e.getMessage(), e);
        }
        Node r = new Node(source, "", root);
        Node c = r.get("county");
        Place place = new Place(c.text("code"), c.text("name"));
        List<TownshipSpec> townships = new ArrayList<>();
        for (Node t : r.get("townships").list()) {
            List<Place> villages = new ArrayList<>();
            for (Node v : t.get("villages").list()) {
                villages.add(new Place(v.text("code"), v.text("name")));
            }
            townships.add(new TownshipSpec(t.text("code"), t.text("name"), villages));
        }
        List<StationSpec> stations = new ArrayList<>();
        for (Node s : r.get("stations").list()) {
            Map<String, BigDecimal> shares = new LinkedHashMap<>();
            Node sh = s.get("shares");
            for (String k : sh.keys()) {
                shares.put(k, sh.decimal(k));
            }
            stations.add(new StationSpec(s.text("code"), s.text("name"), s.text("kind"), s.decimal("kwp"),
                    s.text("batch"), s.text("zone"), s.date("grid"), shares, s.decimal("latitude"),
                    s.decimal("longitude"), s.text("gateway"), devices(s)));
        }
        List<AccountSpec> accounts = new ArrayList<>();
        for (Node a : r.get("accounts").list()) {
            accounts.add(new AccountSpec(a.text("username"), a.text("role"), a.text("person"), a.optText("village"),
                    a.optText("township")));
        }
        List<String> policies = new ArrayList<>();
        for (Node p : r.get("policies").list()) {
            policies.add(p.value());
        }
        Map<String, List<HouseholdSpec>> households = new LinkedHashMap<>();
        Node hs = r.get("households");
        for (String village : hs.keys()) {
            List<HouseholdSpec> list = new ArrayList<>();
            for (Node h : hs.get(village).list()) {
                List<MemberSpec> members = new ArrayList<>();
                for (Node m : h.get("members").list()) {
                    members.add(new MemberSpec(m.text("name"), m.text("id"), m.text("relation"), m.text("labour"),
                            m.has("bank") ? bank(m.get("bank")) : null));
                }
                list.add(new HouseholdSpec(h.text("registration"), h.text("status"), bank(h.get("bank")), members));
            }
            households.put(village, list);
        }
        List<PostSpec> posts = new ArrayList<>();
        for (Node p : r.get("posts").list()) {
            posts.add(new PostSpec(p.text("village"), p.text("type"), p.text("holder"), p.integer("wageFen"),
                    (int) p.integer("worked"), (int) p.integer("required")));
        }
        List<ProjectSpec> projects = new ArrayList<>();
        for (Node p : r.get("projects").list()) {
            projects.add(new ProjectSpec(p.text("village"), p.text("name"), p.text("payeeKind"), p.text("payee"),
                    bank(p.get("bank")), p.integer("budgetFen")));
        }
        Node h = r.get("history");
        Map<String, BigDecimal> kwh = new LinkedHashMap<>();
        for (String k : h.get("statements").keys()) {
            kwh.put(k, h.get("statements").decimal(k));
        }
        Node plan = h.get("plan");
        Map<String, BigDecimal> cats = new LinkedHashMap<>();
        for (String k : plan.get("categories").keys()) {
            cats.put(k, plan.get("categories").decimal(k));
        }
        Node sp = plan.get("smallProject");
        SmallProjectSpec small = new SmallProjectSpec(sp.text("village"), sp.text("category"), sp.decimal("percent"),
                sp.text("project"), sp.integer("fixedFen"), sp.text("from"));
        List<LineSpec> lines = new ArrayList<>();
        for (Node l : plan.get("lines").list()) {
            lines.add(new LineSpec(l.text("village"), l.text("category"), l.text("household"), l.decimal("weight"),
                    l.text("basis"), l.text("reference")));
        }
        HistorySpec history = new HistorySpec((int) h.integer("monthsBack"), kwh, (int) h.integer("subsidyEvery"),
                cats, small, lines, Boolean.parseBoolean(h.text("currentMonthReceipts")));
        return new DemoCounty(place, townships, stations, accounts, policies,
                households, posts, projects, history);
    }

    /**
     * A station's devices: {@code inverters: {count: N, kwp: X}} (inv-01.. on units 1..N, SunSpec) and/or a
     * {@code devices} list of {@code {code, kind, unit, kwp, map}}; at least one, codes and units each once.
     */
    private static List<DeviceSpec> devices(Node s) {
        List<DeviceSpec> out = new ArrayList<>();
        if (s.has("inverters")) {
            Node inv = s.get("inverters");
            long count = inv.integer("count");
            if (count < 1 || count > 247) {
                throw new IllegalStateException(inv.source() + ": " + inv.path() + ".count must be 1..247, was " + count);
            }
            BigDecimal kwp = inv.positive("kwp");
            String map = inv.optText("map");
            for (int i = 1; i <= count; i++) {
                out.add(new DeviceSpec(String.format("inv-%02d", i), "inverter", i, kwp, map));
            }
        }
        if (s.has("devices")) {
            for (Node d : s.get("devices").list()) {
                long unit = d.integer("unit");
                if (unit < 0 || unit > 255) {
                    throw new IllegalStateException(d.source() + ": " + d.path() + ".unit must be 0..255, was " + unit);
                }
                out.add(new DeviceSpec(d.text("code"), d.text("kind"), (int) unit,
                        d.has("kwp") ? d.positive("kwp") : null, d.optText("map")));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException(s.source() + ": " + s.path() + " needs inverters: {count, kwp} or devices");
        }
        java.util.Set<String> codes = new java.util.HashSet<>();
        java.util.Set<Integer> units = new java.util.HashSet<>();
        for (DeviceSpec d : out) {
            if (!codes.add(d.code())) {
                throw new IllegalStateException(s.source() + ": " + s.path() + " has device " + d.code() + " twice");
            }
            if (!units.add(d.unit())) {
                throw new IllegalStateException(s.source() + ": " + s.path() + " has unit " + d.unit() + " twice");
            }
        }
        return List.copyOf(out);
    }

    private static Bank bank(Node b) {
        return new Bank(b.text("name"), b.text("account"));
    }

    /** A value in the parsed YAML with its path, so that every error says where. */
    private record Node(String source, String path, Object raw) {
        Node get(String key) {
            if (!(raw instanceof Map<?, ?> m) || !m.containsKey(key)) {
                throw new IllegalStateException(source + ": " + where(key) + " is missing");
            }
            return new Node(source, where(key), m.get(key));
        }

        boolean has(String key) {
            return raw instanceof Map<?, ?> m && m.get(key) != null;
        }

        List<String> keys() {
            if (raw instanceof Map<?, ?> m) {
                return m.keySet().stream().map(String::valueOf).toList();
            }
            throw new IllegalStateException(source + ": " + path + " must be a mapping");
        }

        List<Node> list() {
            if (!(raw instanceof List<?> l)) {
                throw new IllegalStateException(source + ": " + path + " must be a list");
            }
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                out.add(new Node(source, path + "[" + i + "]", l.get(i)));
            }
            return out;
        }

        String value() {
            if (raw == null) {
                throw new IllegalStateException(source + ": " + path + " is empty");
            }
            return String.valueOf(raw);
        }

        String text(String key) {
            return get(key).value();
        }

        String optText(String key) {
            return has(key) ? text(key) : null;
        }

        BigDecimal decimal(String key) {
            String t = text(key);
            try {
                return new BigDecimal(t);
            } catch (NumberFormatException e) {
                throw new IllegalStateException(source + ": " + where(key) + " is not a number: " + t);
            }
        }

        BigDecimal positive(String key) {
            BigDecimal v = decimal(key);
            if (v.signum() <= 0) {
                throw new IllegalStateException(source + ": " + where(key) + " must be positive, was " + v);
            }
            return v;
        }

        long integer(String key) {
            try {
                return decimal(key).longValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalStateException(source + ": " + where(key) + " must be a whole number");
            }
        }

        LocalDate date(String key) {
            if (get(key).raw() instanceof java.util.Date d) {
                // YAML reads a bare yyyy-MM-dd as a timestamp at UTC midnight
                return d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
            }
            String t = text(key);
            try {
                return LocalDate.parse(t);
            } catch (java.time.DateTimeException e) {
                throw new IllegalStateException(source + ": " + where(key) + " is not a date (yyyy-MM-dd): " + t);
            }
        }

        private String where(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }
    }
}
