package org.yangguang.distribution;

import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.household.HouseholdService;
import org.yangguang.distribution.household.HouseholdStatus;
import org.yangguang.distribution.household.HouseholdView;
import org.yangguang.distribution.household.IdNumbers;
import org.yangguang.distribution.household.LabourCapacity;
import org.yangguang.distribution.household.NewHousehold;
import org.yangguang.distribution.registry.CountyRepository;
import org.yangguang.distribution.registry.TownshipRepository;
import org.yangguang.distribution.registry.Village;
import org.yangguang.distribution.registry.VillageRepository;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Builders for test registries on a running app: valid ID numbers, actors scoped to demo places. */
public final class TestData {
    private static final AtomicInteger SEQ = new AtomicInteger(100);
    private final DistributionApp app;

    public TestData(DistributionApp app) {
        this.app = app;
    }

    /** A valid 18-character ID number from Lin County (141124), unique per call. */
    public static String idNumber() {
        int n = SEQ.incrementAndGet();
        String first17 = "141124" + "1970" + String.format("%02d", 1 + n % 12) + "15" + String.format("%03d", n % 1000);
        return IdNumbers.withCheck(first17);
    }

    public static String uniqueNo(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    }

    public long countyId() {
        return app.bean(CountyRepository.class).findByCode("lin").orElseThrow().id();
    }

    public Village village(String code) {
        return app.bean(VillageRepository.class).findByCode(code).orElseThrow();
    }

    public Actor committee(String villageCode) {
        Village v = village(villageCode);
        return new Actor("vc-" + villageCode, Role.VILLAGE_COMMITTEE, countyId(), v.townshipId(), v.id());
    }

    public Actor township(String townshipCode) {
        return new Actor("tr-" + townshipCode, Role.TOWNSHIP_REVIEWER, countyId(),
                app.bean(TownshipRepository.class).findByCode(townshipCode).orElseThrow().id(), null);
    }

    public Actor county(Role role) {
        return new Actor(role.name().toLowerCase() + "-lin", role, countyId(), null, null);
    }

    public HouseholdView household(String villageCode, HouseholdStatus status, LabourCapacity... members) {
        List<NewHousehold.NewMember> ms = new java.util.ArrayList<>();
        for (int i = 0; i < members.length; i++) {
            ms.add(new NewHousehold.NewMember("成员" + i, idNumber(), i == 0 ? "HEAD" : "CHILD", members[i]));
        }
        return app.bean(HouseholdService.class).register(committee(villageCode), villageCode,
                new NewHousehold(uniqueNo("H"), status, LocalDate.of(2016, 1, 1), "临县农商行",
                        "6228480012345678" + String.format("%03d", SEQ.incrementAndGet() % 1000), ms,
                        "registered for test"));
    }
}
