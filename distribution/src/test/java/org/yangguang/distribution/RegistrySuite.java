package org.yangguang.distribution;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.AuditEvent;
import org.yangguang.distribution.access.AuditRepository;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.household.HouseholdService;
import org.yangguang.distribution.household.HouseholdStatus;
import org.yangguang.distribution.household.HouseholdView;
import org.yangguang.distribution.household.LabourCapacity;
import org.yangguang.distribution.household.NewHousehold;
import org.yangguang.distribution.post.NewPost;
import org.yangguang.distribution.post.PostService;
import org.yangguang.distribution.post.PostType;
import org.yangguang.distribution.post.WelfarePost;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Households, status history, masking, welfare posts and attendance (issue 5, part 1), on H2 and PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RegistrySuite {
    DistributionApp app;
    TestData data;
    HouseholdService households;
    PostService posts;

    abstract SharedApps.Db db();

    @BeforeAll
    void start() {
        app = SharedApps.app(db());
        data = new TestData(app);
        households = app.bean(HouseholdService.class);
        posts = app.bean(PostService.class);
    }

    @Test
    void registeredHouseholdIsShownMasked() {
        String id = TestData.idNumber();
        String regNo = TestData.uniqueNo("H");
        HouseholdView v = households.register(data.committee("lin-yaotou"), "lin-yaotou", new NewHousehold(regNo,
                HouseholdStatus.REGISTERED_POOR, LocalDate.of(2016, 3, 1), "临县农商行", "6228 4800 1234 5678 901",
                List.of(new NewHousehold.NewMember("王秀英", id, "HEAD", LabourCapacity.NONE),
                        new NewHousehold.NewMember("王强", TestData.idNumber(), "SON", LabourCapacity.PARTIAL)),
                "2016 poverty registration"));
        assertThat(v.bankAccountMasked()).isEqualTo("***************8901");
        assertThat(v.members().get(0).idNumberMasked()).isEqualTo(id.substring(0, 3) + "***********" + id.substring(14));
        assertThat(v.labourCapacity()).isEqualTo(LabourCapacity.PARTIAL);
        assertThat(v.headName()).isEqualTo("王秀英");
        assertThat(v.village()).isEqualTo("lin-yaotou");
        assertThat(v.toString()).doesNotContain(id).doesNotContain("6228480012345678901");
        List<AuditEvent> trail = app.bean(AuditRepository.class).findByEntityAndEntityKeyOrderById("household", regNo);
        assertThat(trail).extracting(AuditEvent::actor, AuditEvent::action, AuditEvent::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("vc-lin-yaotou", "household.register",
                        "2016 poverty registration"));
    }

    @Test
    void badRegistrationsAreRefusedWithField() {
        Actor vc = data.committee("lin-yaotou");
        String good = TestData.idNumber();
        String badCheck = good.substring(0, 17) + (good.charAt(17) == '1' ? '2' : '1');
        assertThat(refusal(() -> households.register(vc, "lin-yaotou", new NewHousehold(TestData.uniqueNo("H"), null,
                null, "bank", "622848001234567890", List.of(new NewHousehold.NewMember("甲", badCheck, null,
                LabourCapacity.FULL)), "r")))).isEqualTo("bad_id_number|members[0].idNumber");
        assertThat(refusal(() -> households.register(vc, "lin-yaotou", new NewHousehold(TestData.uniqueNo("H"), null,
                null, "bank", "12ab", List.of(new NewHousehold.NewMember("甲", good, null, LabourCapacity.FULL)),
                "r")))).isEqualTo("bad_bank_account|bankAccount");
        assertThat(refusal(() -> households.register(vc, "lin-yaotou", new NewHousehold(TestData.uniqueNo("H"), null,
                null, "bank", "622848001234567890", List.of(new NewHousehold.NewMember("甲", good, null,
                LabourCapacity.FULL)), " ")))).isEqualTo("missing_reason|reason");
        // someone else's village
        assertThat(refusal(() -> households.register(data.committee("lin-fanjiagou"), "lin-yaotou",
                new NewHousehold(TestData.uniqueNo("H"), null, null, "bank", "622848001234567890",
                        List.of(new NewHousehold.NewMember("甲", good, null, LabourCapacity.FULL)), "r"))))
                .isEqualTo("forbidden|null");
        // a reviewer cannot register
        assertThat(refusal(() -> households.register(data.township("lin-baiwen"), "lin-yaotou",
                new NewHousehold(TestData.uniqueNo("H"), null, null, "bank", "622848001234567890",
                        List.of(new NewHousehold.NewMember("甲", good, null, LabourCapacity.FULL)), "r"))))
                .isEqualTo("forbidden|null");
        // the same person twice
        HouseholdView h = data.household("lin-yaotou", HouseholdStatus.REGISTERED_POOR, LabourCapacity.FULL);
        assertThat(refusal(() -> households.register(vc, "lin-yaotou", new NewHousehold(h.registrationNo(), null,
                null, "bank", "622848001234567890", List.of(new NewHousehold.NewMember("甲", good, null,
                LabourCapacity.FULL)), "r")))).isEqualTo("household_exists|registrationNo");
    }

    @Test
    void statusHistoryIsKeptAndQueriedByDate() {
        HouseholdView h = data.household("lin-fanjiagou", HouseholdStatus.REGISTERED_POOR, LabourCapacity.FULL);
        Actor vc = data.committee("lin-fanjiagou");
        households.changeStatus(vc, h.registrationNo(), HouseholdStatus.LIFTED_OUT, LocalDate.of(2019, 12, 31),
                "income above the line, village assembly 2019-12-20");
        HouseholdView now = households.changeStatus(vc, h.registrationNo(), HouseholdStatus.MONITORED,
                LocalDate.of(2022, 3, 1), "medical costs; monitoring");
        assertThat(now.status()).isEqualTo(HouseholdStatus.MONITORED);
        assertThat(now.history()).extracting(c -> c.status() + "@" + c.effectiveFrom() + " by " + c.recordedBy())
                .containsExactly("REGISTERED_POOR@2016-01-01 by vc-lin-fanjiagou",
                        "LIFTED_OUT@2019-12-31 by vc-lin-fanjiagou", "MONITORED@2022-03-01 by vc-lin-fanjiagou");
        long id = households.household(h.registrationNo()).id();
        assertThat(households.statusOn(id, LocalDate.of(2019, 12, 30))).isEqualTo(HouseholdStatus.REGISTERED_POOR);
        assertThat(households.statusOn(id, LocalDate.of(2021, 1, 1))).isEqualTo(HouseholdStatus.LIFTED_OUT);
        assertThat(refusal(() -> households.changeStatus(vc, h.registrationNo(), HouseholdStatus.LIFTED_OUT,
                LocalDate.of(2021, 1, 1), "back-dated"))).isEqualTo("status_out_of_order|effectiveFrom");
        assertThat(refusal(() -> households.get(data.committee("lin-yaotou"), h.registrationNo())))
                .isEqualTo("forbidden|null");
        assertThat(households.get(data.township("lin-qikou"), h.registrationNo()).status())
                .isEqualTo(HouseholdStatus.MONITORED);
        assertThat(refusal(() -> households.get(data.township("lin-baiwen"), h.registrationNo())))
                .isEqualTo("forbidden|null");
        assertThat(app.bean(AuditRepository.class).findByEntityAndEntityKeyOrderById("household", h.registrationNo()))
                .extracting(AuditEvent::action).containsExactly("household.register", "household.status",
                        "household.status");
    }

    @Test
    void postsNeedAbleHoldersAndNeverOverlapForOnePerson() {
        Actor vc = data.committee("lin-xingshengshan");
        HouseholdView h = data.household("lin-xingshengshan", HouseholdStatus.REGISTERED_POOR, LabourCapacity.FULL,
                LabourCapacity.NONE);
        long worker = h.members().get(0).id();
        long cannot = h.members().get(1).id();
        WelfarePost post = posts.create(vc, "lin-xingshengshan", new NewPost(PostType.CLEANER, worker, 60_000L,
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), "village cleaner 2026"));
        assertThat(refusal(() -> posts.create(vc, "lin-xingshengshan", new NewPost(PostType.ROAD_KEEPER, worker,
                50_000L, LocalDate.of(2026, 12, 1), LocalDate.of(2027, 6, 30), "second post"))))
                .isEqualTo("two_paid_posts|holderMemberId");
        // a post after the first ends is fine
        posts.create(vc, "lin-xingshengshan", new NewPost(PostType.ROAD_KEEPER, worker, 50_000L,
                LocalDate.of(2027, 1, 1), LocalDate.of(2027, 6, 30), "road keeper 2027"));
        assertThat(refusal(() -> posts.create(vc, "lin-xingshengshan", new NewPost(PostType.CARER, cannot, 50_000L,
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), "r")))).isEqualTo("holder_cannot_work|holderMemberId");
        assertThat(refusal(() -> posts.create(data.committee("lin-yaotou"), "lin-yaotou", new NewPost(PostType.CARER,
                worker, 50_000L, LocalDate.of(2028, 1, 1), LocalDate.of(2028, 12, 31), "r"))))
                .isEqualTo("holder_outside_village|holderMemberId");

        posts.recordAttendance(vc, post.id(), "2026-11", 20, 22, "sign-in sheet 2026-11");
        assertThat(refusal(() -> posts.recordAttendance(vc, post.id(), "2026-11", 22, 22, "again")))
                .isEqualTo("attendance_exists|period");
        assertThat(refusal(() -> posts.recordAttendance(vc, post.id(), "2025-12", 22, 22, "r")))
                .isEqualTo("outside_term|period");
        assertThat(refusal(() -> posts.recordAttendance(vc, post.id(), "2026-10", 23, 22, "r")))
                .isEqualTo("bad_attendance|daysWorked");
        assertThat(refusal(() -> posts.recordAttendance(vc, post.id(), "2026/10", 2, 22, "r")))
                .isEqualTo("bad_period|period");
    }

    @Test
    void concurrentAssignmentsGiveOnePersonOnePost() throws Exception {
        Actor vc = data.committee("lin-duanjiata");
        HouseholdView h = data.household("lin-duanjiata", HouseholdStatus.REGISTERED_POOR, LabourCapacity.FULL);
        long worker = h.members().get(0).id();
        int n = 6;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PostType type = PostType.values()[i % PostType.values().length];
            Callable<String> task = () -> {
                go.await();
                try {
                    posts.create(vc, "lin-duanjiata", new NewPost(type, worker, 40_000L, LocalDate.of(2026, 1, 1),
                            LocalDate.of(2026, 12, 31), "race"));
                    return "ok";
                } catch (ApiException e) {
                    return e.code();
                }
            };
            results.add(pool.submit(task));
        }
        go.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : results) {
            outcomes.add(f.get());
        }
        pool.shutdown();
        assertThat(outcomes).containsOnly("ok", "two_paid_posts");
        assertThat(outcomes).filteredOn("ok"::equals).hasSize(1);
        assertThat(posts.list(vc, "lin-duanjiata")).filteredOn(p -> p.holderMemberId() == worker).hasSize(1);
    }

    @Test
    void countyRolesReadButOnlyCommitteeOrAdminWrite() {
        HouseholdView h = data.household("lin-houliujiazhuang", HouseholdStatus.REGISTERED_POOR, LabourCapacity.FULL);
        for (Role r : List.of(Role.AUDITOR, Role.FINANCE, Role.COUNTY_APPROVER, Role.OPERATOR)) {
            assertThat(households.get(data.county(r), h.registrationNo()).registrationNo()).isEqualTo(h.registrationNo());
            assertThat(refusal(() -> households.changeStatus(data.county(r), h.registrationNo(),
                    HouseholdStatus.LIFTED_OUT, LocalDate.of(2020, 1, 1), "r"))).isEqualTo("forbidden|null");
        }
        Actor otherCounty = new Actor("admin-xing", Role.ADMIN, -1, null, null);
        assertThat(refusal(() -> households.get(otherCounty, h.registrationNo()))).isEqualTo("forbidden|null");
    }

    static String refusal(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e.code() + "|" + e.field();
        }
        throw new AssertionError("expected a refusal");
    }
}
