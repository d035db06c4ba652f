package org.yangguang.distribution;

import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.allocation.Policy;
import org.yangguang.distribution.allocation.PolicyService;
import org.yangguang.distribution.household.HouseholdService;
import org.yangguang.distribution.household.HouseholdStatus;
import org.yangguang.distribution.household.HouseholdView;
import org.yangguang.distribution.household.IdNumbers;
import org.yangguang.distribution.household.LabourCapacity;
import org.yangguang.distribution.household.NewHousehold;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Builders for test registries on a running app: valid ID numbers, actors scoped to demo places, whole worlds. */
public final class TestData {
    private static final AtomicInteger SEQ = new AtomicInteger(100);
    private final DistributionApp app;

    public TestData(DistributionApp app) {
        this.app = app;
    }

    /** A valid 18-character ID number from Lin County (141124), unique per call. */
    public static String idNumber() {
        int n = SEQ.incrementAndGet();
        String first17 = "141124" + (1950 + n / 12_000 % 50) + String.format("%02d", 1 + n % 12)
                + String.format("%02d", 1 + n / 12 % 28) + String.format("%03d", n % 1000);
        return IdNumbers.withCheck(first17);
    }

    public static String uniqueNo(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    }

    public Registry registry() {
        return app.bean(Registry.class);
    }

    public long countyId() {
        return registry().county("lin").orElseThrow().id();
    }

    public Village village(String code) {
        return registry().village(code).orElseThrow();
    }

    public Actor committee(String villageCode) {
        Village v = village(villageCode);
        return new Actor("vc-" + villageCode, Role.VILLAGE_COMMITTEE, registry().countyOf(v).id(), v.townshipId(),
                v.id());
    }

    public Actor township(String townshipCode) {
        Township t = registry().township(townshipCode).orElseThrow();
        return new Actor("tr-" + townshipCode, Role.TOWNSHIP_REVIEWER, t.countyId(), t.id(), null);
    }

    public Actor county(Role role) {
        return new Actor(role.name().toLowerCase() + "-lin", role, countyId(), null, null);
    }

    public HouseholdView household(String villageCode, HouseholdStatus status, LabourCapacity... members) {
        List<NewHousehold.NewMember> ms = new ArrayList<>();
        for (int i = 0; i < members.length; i++) {
            ms.add(new NewHousehold.NewMember("成员" + i, idNumber(), i == 0 ? "HEAD" : "CHILD", members[i]));
        }
        return household(villageCode, status, ms);
    }

    public HouseholdView household(String villageCode, HouseholdStatus status, List<NewHousehold.NewMember> members) {
        return app.bean(HouseholdService.class).register(committee(villageCode), villageCode,
                new NewHousehold(uniqueNo("H"), status, LocalDate.of(2016, 1, 1), "临县农商行",
                        "6228480012345678" + String.format("%03d", SEQ.incrementAndGet() % 1000), members,
                        "registered for test"));
    }

    /**
     * A county of its own, so that a test's money is alone in its books: one township, villages {@code <tag>-a},
     * {@code -b}, {@code -c}; a joint station owned a/b/c by exact thirds, a village station of a, a centralized
     * station pooling 100 %; the bundled 2026 policies (villages and pool) for it; and actors of every role.
     */
    public World world(String tag) {
        Registry r = registry();
        County county = r.createCounty(tag, "测试县 " + tag);
        Township t = r.createTownship(county.id(), tag + "-ts", "测试镇");
        List<Village> villages = new ArrayList<>();
        for (String s : List.of("a", "b", "c")) {
            villages.add(r.createVillage(t.id(), tag + "-" + s, "测试村" + s));
        }
        LocalDate grid = LocalDate.of(2017, 6, 30);
        Station joint = r.createStation(new Station(null, tag + "-joint", "联村", StationKind.JOINT, county.id(),
                new BigDecimal("300"), grid, "poverty-2017", "III", new BigDecimal("100")));
        r.recordShares("test", joint, new ShareSetRequest(grid, List.of(new ShareInput(villages.get(0).code(), null, 1L),
                new ShareInput(villages.get(1).code(), null, 1L), new ShareInput(villages.get(2).code(), null, 1L)),
                3L, "thirds"), false);
        Station vs = r.createStation(new Station(null, tag + "-vs", "村级", StationKind.VILLAGE, county.id(),
                new BigDecimal("300"), grid, "poverty-2017", "III", new BigDecimal("100")));
        r.recordShares("test", vs, new ShareSetRequest(grid, List.of(new ShareInput(villages.get(0).code(),
                new BigDecimal("100"))), "village station"), false);
        Station central = r.createStation(new Station(null, tag + "-central", "集中式", StationKind.CENTRALIZED,
                county.id(), new BigDecimal("30000"), LocalDate.of(2018, 11, 28), "poverty-2018", "III",
                new BigDecimal("100")));
        World w = new World(county, t, villages, joint, vs, central);
        PolicyService policies = app.bean(PolicyService.class);
        for (String resource : List.of("/policies/lin-2026.json", "/policies/lin-2026-pool.json")) {
            Policy p = policies.bundled(resource);
            policies.store(w.admin(), new Policy(tag, p.year(), 1, p.source(), p.categories(), p.groupMinimums(),
                    p.forbidden(), p.flatPerHeadRule(), p.scope()), "test world");
        }
        return w;
    }

    /** A county of a test's own, and actors of each role in it (usernames carry the county's code). */
    public record World(County county, Township township, List<Village> villages, Station joint, Station villageStation,
                        Station central) {
        public String code() {
            return county.code();
        }

        public Village village(int i) {
            return villages.get(i);
        }

        public Actor committee(int i) {
            Village v = villages.get(i);
            return new Actor("vc-" + v.code(), Role.VILLAGE_COMMITTEE, county.id(), township.id(), v.id());
        }

        public Actor reviewer() {
            return new Actor("tr-" + code(), Role.TOWNSHIP_REVIEWER, county.id(), township.id(), null);
        }

        public Actor approver() {
            return new Actor("approver-" + code(), Role.COUNTY_APPROVER, county.id(), null, null);
        }

        /** The county office: another county approver, who drafts the pool's plans. */
        public Actor office() {
            return new Actor("office-" + code(), Role.COUNTY_APPROVER, county.id(), null, null);
        }

        public Actor finance() {
            return new Actor("finance-" + code(), Role.FINANCE, county.id(), null, null);
        }

        public Actor finance2() {
            return new Actor("finance2-" + code(), Role.FINANCE, county.id(), null, null);
        }

        public Actor admin() {
            return new Actor("admin-" + code(), Role.ADMIN, county.id(), null, null);
        }

        public Actor auditor() {
            return new Actor("auditor-" + code(), Role.AUDITOR, county.id(), null, null);
        }
    }
}
