package org.yangguang.distribution.demo;

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
import org.yangguang.distribution.registry.Registry;
import org.yangguang.distribution.registry.ShareInput;
import org.yangguang.distribution.registry.ShareSetRequest;
import org.yangguang.distribution.registry.Station;
import org.yangguang.distribution.registry.StationKind;
import org.yangguang.distribution.registry.Township;
import org.yangguang.distribution.registry.Village;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Demo registry for Lin County (临县), Lüliang, with place names from the county's own reporting (DOMAIN.md):
 * seven townships, one village in each, the joint station {@code lin-baiwen-01} (白文联村电站, 300 kWp) owned by
 * 曜头村 40 %, 樊家沟村 35 %, 兴盛山村 25 %, the village station {@code lin-wangjiayu-01}, and the 30 MWp
 * centralized station {@code lin-central-01} (grid-connected 2018-11-28), the 2026 policies for villages and for the
 * county pool, and one account per role (each a person: made-up name and ID number), two county approvers so that
 * one drafts the pool's plans and the other approves them. Runs when {@code yangguang.demo.seed=true} and only into
 * an empty registry, so restarting a file database is harmless.
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
    /** Made-up people behind the demo accounts (an account belongs to one person). */
    private static final List<String> PEOPLE = List.of("刘建国", "张丽", "王海燕", "李志强", "赵红梅", "孙明", "周晓东",
            "吴桂英", "郑伟", "冯玉兰", "陈亮", "杨秀珍");

    private final Registry registry;
    private final AccountService accounts;
    private final PolicyService policies;
    private final String demoPassword;
    private int person;

    static final String DEFAULT_PASSWORD = "yangguang-demo";

    public DemoSeed(Registry registry, AccountService accounts, PolicyService policies,
                    @Value("${yangguang.demo.password:" + DEFAULT_PASSWORD + "}") String demoPassword) {
        this.registry = registry;
        this.policies = policies;
        this.accounts = accounts;
        this.demoPassword = demoPassword;
    }

    @EventListener
    public void onStartup(StartupEvent event) {
        seed();
    }

    @Transactional
    public void seed() {
        if (registry.county(COUNTY).isPresent()) {
            LOG.info("demo registry already present, not seeding");
            return;
        }
        County lin = registry.createCounty(COUNTY, "临县");
        Actor system = Actor.system(lin.id());
        Village yaotou = village(lin, "lin-baiwen", "白文镇", "lin-yaotou", "曜头村");
        village(lin, "lin-chengzhuang", "城庄镇", "lin-shangchengzhuang", "上城庄村");
        village(lin, "lin-zhaoxian", "招贤镇", "lin-duanjiata", "段家塔村");
        village(lin, "lin-dayu", "大禹乡", "lin-houliujiazhuang", "后刘家庄村");
        Village wangjiayu = village(lin, "lin-tuban", "兔坂镇", "lin-wangjiayu", "王家峪村");
        Village fanjiagou = village(lin, "lin-qikou", "碛口镇", "lin-fanjiagou", "樊家沟村");
        Village xingshengshan = village(lin, "lin-sanjiao", "三交镇", "lin-xingshengshan", "兴盛山村");

        LocalDate jointGrid = LocalDate.of(2017, 6, 30);
        Station joint = registry.createStation(new Station(null, JOINT_STATION, "白文联村电站", StationKind.JOINT,
                lin.id(), new BigDecimal("300.000"), jointGrid, BATCH_2017, "III", new BigDecimal("100")));
        registry.recordShares("system", joint, new ShareSetRequest(jointGrid, List.of(
                new ShareInput(yaotou.code(), new BigDecimal("40")),
                new ShareInput(fanjiagou.code(), new BigDecimal("35")),
                new ShareInput(xingshengshan.code(), new BigDecimal("25"))), "demo: joint station ownership"), false);

        LocalDate villageGrid = LocalDate.of(2017, 12, 20);
        Station village = registry.createStation(new Station(null, VILLAGE_STATION, "王家峪村级电站", StationKind.VILLAGE,
                lin.id(), new BigDecimal("300.000"), villageGrid, BATCH_2017, "III", new BigDecimal("100")));
        registry.recordShares("system", village, new ShareSetRequest(villageGrid,
                List.of(new ShareInput(wangjiayu.code(), new BigDecimal("100"))), "demo: village station ownership"),
                false);

        registry.createStation(new Station(null, CENTRAL_STATION, "临县30MWp集中式光伏扶贫电站", StationKind.CENTRALIZED,
                lin.id(), new BigDecimal("30000.000"), LocalDate.of(2018, 11, 28), BATCH_2018, "III",
                new BigDecimal("100")));
        for (Role role : List.of(Role.ADMIN, Role.OPERATOR, Role.FINANCE, Role.AUDITOR, Role.COUNTY_APPROVER)) {
            account(system, DEMO_USERS.get(role), role, null, null);
        }
        // the county office that drafts the pool's plans: another person than the approver who approves them
        account(system, "county-office", Role.COUNTY_APPROVER, null, null);
        account(system, "township-baiwen", Role.TOWNSHIP_REVIEWER, null, "lin-baiwen");
        for (Village v : List.of(yaotou, fanjiagou, xingshengshan, wangjiayu)) {
            account(system, "vc-" + v.code().substring("lin-".length()), Role.VILLAGE_COMMITTEE, v.code(), null);
        }
        policies.store(system, policies.bundled("/policies/lin-2026.json"), "demo: Lin County 2026 policy");
        policies.store(system, policies.bundled("/policies/lin-2026-pool.json"), "demo: Lin County 2026 pool policy");
        LOG.info("seeded demo registry: county {}, 7 townships, 7 villages, stations {}, {}, {}; demo accounts "
                + "admin, operator, finance, auditor, county, county-office, township-baiwen, vc-yaotou, "
                + "vc-fanjiagou, vc-xingshengshan, vc-wangjiayu ({})", COUNTY, JOINT_STATION, VILLAGE_STATION,
                CENTRAL_STATION, passwordHint());
    }

    /**
     * The documented demo password is public (README) and said as it is; one an operator chose with
     * yangguang.demo.password is a secret and never reaches the log.
     */
    String passwordHint() {
        return DEFAULT_PASSWORD.equals(demoPassword) ? "password " + DEFAULT_PASSWORD
                : "the password set in yangguang.demo.password";
    }

    private void account(Actor system, String username, Role role, String village, String township) {
        int n = person++;
        // a made-up resident ID of Lin County (141124), born 1980, valid check digit
        String id = IdNumbers.withCheck("141124" + "1980" + String.format("%02d", 1 + n % 12) + "08"
                + String.format("%03d", 100 + n));
        accounts.create(system, new NewAccount(username, demoPassword, role, village, township,
                PEOPLE.get(n % PEOPLE.size()), id, "demo account (yangguang.demo.seed)"));
    }

    private Village village(County county, String townshipCode, String townshipName, String code, String name) {
        Township t = registry.township(townshipCode)
                .orElseGet(() -> registry.createTownship(county.id(), townshipCode, townshipName));
        return registry.createVillage(t.id(), code, name);
    }
}
