package org.yangguang.distribution.demo;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micronaut.context.annotation.Value;
import org.yangguang.distribution.access.AccountService;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.NewAccount;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.allocation.PolicyService;
import org.yangguang.distribution.household.IdNumbers;
import org.yangguang.distribution.registry.County;
import org.yangguang.distribution.registry.DeviceDeclaration;
import org.yangguang.distribution.registry.DeviceLink;
import org.yangguang.distribution.registry.Devices;
import org.yangguang.distribution.registry.Registry;
import org.yangguang.distribution.registry.ShareInput;
import org.yangguang.distribution.registry.ShareSetRequest;
import org.yangguang.distribution.registry.Station;
import org.yangguang.distribution.registry.StationKind;
import org.yangguang.distribution.registry.Township;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Demo registry for Lin County (临县), Lüliang, as {@code demo/county.yaml} describes it: seven townships, one village
 * in each, the joint station {@code lin-baiwen-01} (白文联村电站, 300 kWp) owned by 曜头村 40 %, 樊家沟村 35 %,
 * 兴盛山村 25 %, the village station {@code lin-wangjiayu-01}, and the 30 MWp centralized station
 * {@code lin-central-01}, the 2026 policies for villages and for the county pool, and one account per role (each a
 * person: made-up name and ID number), two county approvers so that one drafts the pool's plans and the other approves
 * them. Each station also gets its site, its gateway and its devices (ACTIVE) in the registry of record, which is
 * where the demo's collector, broker access and gateways' station.yaml come from; the devices' link is the launcher's
 * ({@link DemoStationLinks}). Runs when {@code yangguang.demo.seed=true} and only into an empty registry, so
 * restarting a file database is harmless. The county's history (households, past months paid) is {@link DemoHistory}'s.
 */
@Singleton
@Requires(property = "yangguang.demo.seed", value = "true")
public class DemoSeed {
    private static final Logger LOG = LoggerFactory.getLogger(DemoSeed.class);
    public static final String COUNTY = "lin";
    public static final String JOINT_STATION = "lin-baiwen-01";
    public static final String VILLAGE_STATION = "lin-wangjiayu-01";
    public static final String CENTRAL_STATION = "lin-central-01";
    public static final String BATCH_2017 = "poverty-2017";
    public static final String BATCH_2018 = "poverty-2018";
    /** Demo usernames of the county-wide roles; all demo accounts share yangguang.demo.password. */
    public static final Map<Role, String> DEMO_USERS = Map.of(Role.ADMIN, "admin", Role.OPERATOR, "operator",
            Role.FINANCE, "finance", Role.AUDITOR, "auditor", Role.COUNTY_APPROVER, "county");

    private final Registry registry;
    private final AccountService accounts;
    private final PolicyService policies;
    private final String demoPassword;
    private final DemoCounty county;
    private final BeanProvider<DemoHistory> history;
    private final Devices devices;
    private final String stationLinks;
    private int person;

    static final String DEFAULT_PASSWORD = "yangguang-demo";

    public DemoSeed(Registry registry, AccountService accounts, PolicyService policies,
                    @Value("${yangguang.demo.password:" + DEFAULT_PASSWORD + "}") String demoPassword,
                    @Value("${yangguang.demo.password-file:}") String passwordFile,
                    DemoCounty county, BeanProvider<DemoHistory> history, Devices devices,
                    @Value("${" + DemoStationLinks.SETTING + ":}") String stationLinks) {
        this.history = history;
        this.devices = devices;
        this.stationLinks = stationLinks;
        this.registry = registry;
        this.policies = policies;
        this.accounts = accounts;
        this.demoPassword = passwordFile.isBlank() ? demoPassword : readPassword(passwordFile);
        this.county = county;
    }

    @EventListener
    public void onStartup(StartupEvent event) {
        // StartupEvent comes before the server listens: the history is in place before anyone can log in
        if (history.isPresent()) {
            history.get().replay(this::seed);
        } else {
            seed();
        }
    }

    /** Seeds an empty registry; false when the county is already there (a restarted file database). */
    @Transactional
    public boolean seed() {
        if (registry.county(county.county().code()).isPresent()) {
            LOG.info("demo registry already present, not seeding");
            return false;
        }
        DemoStationLinks links = DemoStationLinks.parse(stationLinks, county.stations().stream()
                .map(DemoCounty.StationSpec::code).collect(java.util.stream.Collectors.toSet()));
        County c = registry.createCounty(county.county().code(), county.county().name());
        Actor system = Actor.system(c.id());
        for (DemoCounty.TownshipSpec ts : county.townships()) {
            Township t = registry.createTownship(c.id(), ts.code(), ts.name());
            for (DemoCounty.Place v : ts.villages()) {
                registry.createVillage(t.id(), v.code(), v.name());
            }
        }
        for (DemoCounty.StationSpec s : county.stations()) {
            Station station = registry.createStation(new Station(null, s.code(), s.name(), StationKind.valueOf(s.kind()),
                    c.id(), s.kwp().setScale(3), s.grid(), s.batch(), s.zone(), new BigDecimal("100")));
            if (!s.shares().isEmpty()) {
                List<ShareInput> shares = s.shares().entrySet().stream()
                        .map(e -> new ShareInput(e.getKey(), e.getValue())).toList();
                registry.recordShares("system", station, new ShareSetRequest(s.grid(), shares,
                        "demo: " + s.name() + " ownership"), false);
            }
            equip(station, s, links.of(s.code()));
        }
        for (DemoCounty.AccountSpec a : county.accounts()) {
            account(system, a);
        }
        for (String policy : county.policies()) {
            policies.store(system, policies.bundled(policy), "demo: " + policy);
        }
        LOG.info("seeded demo registry from demo/county.yaml: county {}, {} townships, stations {} with {} devices; "
                        + "demo accounts {} ({})",
                c.code(), county.townships().size(), county.stations().stream().map(DemoCounty.StationSpec::code).toList(),
                county.stations().stream().mapToInt(s -> s.devices().size()).sum(),
                county.accounts().stream().map(DemoCounty.AccountSpec::username).toList(), passwordHint());
        return true;
    }

    /**
     * The station's site, its gateway (broker user = its code) and its devices, ACTIVE: the registry of record the
     * demo's collector, broker access and gateways' station.yaml are all made from.
     */
    private void equip(Station station, DemoCounty.StationSpec s, DeviceLink link) {
        devices.place(station, s.latitude(), s.longitude());
        devices.addGateway(station, s.gateway(), s.gateway());
        for (DemoCounty.DeviceSpec d : s.devices()) {
            devices.declare("system", station, new DeviceDeclaration(d.code(), d.kind(), d.kwp(), null, null, null,
                    null, s.gateway(), link, d.unit(), d.registerMap(), "demo: demo/county.yaml"));
        }
    }

    /** ./yangguang demo makes the accounts' password per run and passes its file, so it never stands in `ps`. */
    private static String readPassword(String file) {
        try {
            String pw = java.nio.file.Files.readString(java.nio.file.Path.of(file)).strip();
            if (pw.length() < 8) {
                throw new IllegalStateException("yangguang.demo.password-file " + file + " holds fewer than 8 characters");
            }
            return pw;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read yangguang.demo.password-file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The documented demo password is public (README) and said as it is; one an operator chose with
     * yangguang.demo.password is a secret and never reaches the log.
     */
    String passwordHint() {
        return DEFAULT_PASSWORD.equals(demoPassword) ? "password " + DEFAULT_PASSWORD
                : "the password set in yangguang.demo.password";
    }

    private void account(Actor system, DemoCounty.AccountSpec a) {
        int n = person++;
        // a made-up resident ID of Lin County (141124), born 1980, valid check digit
        String id = IdNumbers.withCheck("141124" + "1980" + String.format("%02d", 1 + n % 12) + "08"
                + String.format("%03d", 100 + n));
        accounts.create(system, new NewAccount(a.username(), demoPassword, Role.valueOf(a.role()), a.village(),
                a.township(), a.person(), id, "demo account (yangguang.demo.seed)"));
    }
}
