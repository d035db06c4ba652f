package org.yangguang.distribution.demo;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.allocation.AllocationRequest;
import org.yangguang.distribution.allocation.LineBasis;
import org.yangguang.distribution.household.HouseholdStatus;
import org.yangguang.distribution.household.HouseholdView;
import org.yangguang.distribution.household.IdNumbers;
import org.yangguang.distribution.household.HouseholdService;
import org.yangguang.distribution.household.LabourCapacity;
import org.yangguang.distribution.household.NewHousehold;
import org.yangguang.distribution.money.Fen;
import org.yangguang.distribution.payment.BatchView;
import org.yangguang.distribution.payment.PaymentService;
import org.yangguang.distribution.post.NewPost;
import org.yangguang.distribution.post.PostService;
import org.yangguang.distribution.post.PostType;
import org.yangguang.distribution.post.WelfarePost;
import org.yangguang.distribution.project.NewProject;
import org.yangguang.distribution.project.Project;
import org.yangguang.distribution.project.ProjectService;
import org.yangguang.distribution.project.ProjectView;
import org.yangguang.distribution.registry.County;
import org.yangguang.distribution.registry.Registry;
import org.yangguang.distribution.registry.Village;
import org.yangguang.distribution.settlement.ReceiptKind;
import org.yangguang.distribution.settlement.ReceiptRequest;
import org.yangguang.distribution.settlement.SettlementService;
import org.yangguang.distribution.tariff.TariffLoader;
import org.yangguang.distribution.tariff.TariffService;
import org.yangguang.distribution.time.BusinessCalendar;
import org.yangguang.distribution.transparency.IssuedToken;
import org.yangguang.distribution.transparency.TransparencyService;
import org.yangguang.distribution.workflow.PlanRequest;
import org.yangguang.distribution.workflow.PlanService;
import org.yangguang.distribution.workflow.PlanView;
import org.yangguang.distribution.workflow.Transition;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo county's past (demo/county.yaml, {@code households} to {@code history}), lived through the real services
 * on the {@link DemoClock}, so that the books are what months of use would have left: households registered with their
 * members, welfare posts and their attendance, a small project accepted; for each past month the grid statements,
 * the receipts in the 专户 (benchmark monthly, subsidy in arrears), and every owning village's plan drafted,
 * published, past its notice, approved by the township and the county, paid by finance and reconciled; then this
 * month's receipts, so that it is ready for a plan; and a QR link for every household. Nothing is written to a table
 * directly: the ledger balances and {@code ledger verify} passes. Only with {@code yangguang.demo.history=true}, and
 * only right after {@link DemoSeed} seeded an empty registry.
 */
@Singleton
@Requires(property = "yangguang.demo.history", value = "true")
public final class DemoHistory {
    private static final Logger LOG = LoggerFactory.getLogger(DemoHistory.class);
    private static final LocalTime WORK = LocalTime.of(9, 0);

    private final DemoCounty county;
    private final DemoClock clock;
    private final BusinessCalendar calendar;
    private final Registry registry;
    private final HouseholdService households;
    private final PostService posts;
    private final ProjectService projects;
    private final SettlementService settlement;
    private final TariffService tariffs;
    private final TariffLoader tariffLoader;
    private final PlanService plans;
    private final PaymentService payments;
    private final TransparencyService transparency;
    private final String publicUrl;
    private final String linksFile;

    DemoHistory(DemoCounty county, DemoClock clock, BusinessCalendar calendar, Registry registry,
                HouseholdService households, PostService posts, ProjectService projects, SettlementService settlement,
                TariffService tariffs, TariffLoader tariffLoader, PlanService plans, PaymentService payments, TransparencyService transparency,
                @Value("${yangguang.public-url:}") String publicUrl,
                @Value("${micronaut.server.port:8090}") int port,
                @Value("${yangguang.demo.links-file:}") String linksFile) {
        this.county = county;
        this.clock = clock;
        this.calendar = calendar;
        this.registry = registry;
        this.households = households;
        this.posts = posts;
        this.projects = projects;
        this.settlement = settlement;
        this.tariffs = tariffs;
        this.tariffLoader = tariffLoader;
        this.plans = plans;
        this.payments = payments;
        this.transparency = transparency;
        this.publicUrl = publicUrl.isBlank() ? "http://127.0.0.1:" + port : publicUrl;
        this.linksFile = linksFile;
    }

    /**
     * Seeds the registry ({@code seed}, false when it was already there) at the start of the history, replays the
     * history, then gives the clock back to the wall.
     */
    public void replay(java.util.function.BooleanSupplier seed) {
        YearMonth current = YearMonth.from(LocalDate.now(calendar.zone()));
        YearMonth first = current.minusMonths(county.history().monthsBack());
        try {
            at(first.minusMonths(1).atDay(15));
            if (seed.getAsBoolean()) {
                live(current, first);
            }
        } finally {
            clock.live();
        }
    }

    private void live(YearMonth current, YearMonth first) {
        DemoCounty.HistorySpec h = county.history();
        County c = registry.county(county.county().code()).orElseThrow();
        Actors actors = new Actors(c);
        // start-up listeners run in no set order: the tariffs the receipts are priced by must be there first
        tariffLoader.load();

        at(first.minusMonths(1).atDay(20));
        Map<String, HouseholdView> registered = new LinkedHashMap<>();
        for (Map.Entry<String, List<DemoCounty.HouseholdSpec>> e : county.households().entrySet()) {
            for (DemoCounty.HouseholdSpec hs : e.getValue()) {
                registered.put(hs.no(), register(actors.committee(e.getKey()), e.getKey(), hs));
            }
        }
        List<WelfarePost> posted = new ArrayList<>();
        for (DemoCounty.PostSpec p : county.posts()) {
            String[] holder = p.holder().split("/");
            long member = registered.get(holder[0]).members().get(Integer.parseInt(holder[1])).id();
            posted.add(posts.create(actors.committee(p.village()), p.village(), new NewPost(PostType.valueOf(p.type()),
                    member, p.wageFen(), first.atDay(1), current.plusMonths(12).atEndOfMonth(),
                    "村民代表会议选聘 (demo)")));
        }
        Map<String, Long> projectIds = new LinkedHashMap<>();
        for (DemoCounty.ProjectSpec p : county.projects()) {
            ProjectView v = projects.create(actors.committee(p.village()), p.village(), new NewProject(p.name(),
                    Project.PayeeKind.valueOf(p.payeeKind()), p.payee(), p.bank().name(), p.bank().account(),
                    p.budgetFen(), "村民代表会议通过 (demo)"));
            at(first.minusMonths(1).atDay(25));
            projects.accept(actors.township(p.village()), v.id(), first.minusMonths(1).atDay(25), "YS-" + v.id(),
                    "乡镇验收 (demo)");
            projectIds.put(p.name(), v.id());
        }

        List<String> statementsUnpaidSubsidy = new ArrayList<>();
        for (int k = 0; k < h.monthsBack(); k++) {
            YearMonth month = first.plusMonths(k);
            YearMonth energyMonth = month.minusMonths(1);
            at(month.atDay(5));
            settlement.importCsv(actors.finance(), "grid-" + energyMonth + ".csv", statementCsv(energyMonth),
                    "国网结算单 " + energyMonth + " (demo)");
            at(month.atDay(10));
            for (DemoCounty.StationSpec s : county.stations()) {
                String no = statementNo(s.code(), energyMonth);
                settlement.recordReceipt(actors.finance(), s.code(), new ReceiptRequest(ReceiptKind.BENCHMARK,
                        benchmarkFen(s, energyMonth), month.atDay(10), "BK-" + no, "专户到账：脱硫煤电价部分 (demo)", no,
                        null, null));
                statementsUnpaidSubsidy.add(s.code() + "|" + no + "|" + energyMonth);
            }
            if ((k + 1) % h.subsidyEvery() == 0) {
                // the subsidy arrives in arrears, for every statement since the last one
                for (String pending : statementsUnpaidSubsidy) {
                    String[] f = pending.split("\\|");
                    DemoCounty.StationSpec s = station(f[0]);
                    settlement.recordReceipt(actors.finance(), s.code(), new ReceiptRequest(ReceiptKind.SUBSIDY,
                            subsidyFen(s, YearMonth.parse(f[2])), month.atDay(10), "SUB-" + f[1],
                            "专户到账：可再生能源补贴 (demo)", f[1], null, null));
                }
                statementsUnpaidSubsidy.clear();
            }
            at(month.atDay(12));
            for (int i = 0; i < posted.size(); i++) {
                DemoCounty.PostSpec p = county.posts().get(i);
                posts.recordAttendance(actors.committee(p.village()), posted.get(i).id(), month.toString(), p.worked(),
                        p.required(), "考勤表 (demo)");
            }
            List<Long> planIds = new ArrayList<>();
            for (String village : owningVillages()) {
                PlanView plan = plans.draft(actors.committee(village), village, planRequest(village, month, projectIds));
                plans.move(actors.committee(village), plan.id(), Transition.PUBLISH, "村务公开栏张贴 (demo)");
                planIds.add(plan.id());
            }
            at(month.atDay(20));
            for (int i = 0; i < planIds.size(); i++) {
                String village = owningVillages().get(i);
                plans.move(actors.committee(village), planIds.get(i), Transition.SUBMIT, "公示期满，无异议 (demo)");
                plans.move(actors.township(village), planIds.get(i), Transition.TOWNSHIP_APPROVE, "乡镇审核通过 (demo)");
                plans.move(actors.county(), planIds.get(i), Transition.COUNTY_APPROVE, "县级审批通过 (demo)");
            }
            at(month.atDay(22));
            BatchView batch = payments.build(actors.finance(), month + " 代发 (demo)");
            StringBuilder results = new StringBuilder(PaymentService.RESULTS_HEADER).append('\n');
            long paid = 0;
            for (BatchView.Line l : batch.lines()) {
                results.append(l.id()).append(",PAID,YH").append(month.toString().replace("-", "")).append(l.id())
                        .append(",\n");
                paid = Math.addExact(paid, l.amountFen());
            }
            at(month.atDay(23));
            payments.importResults(actors.finance(), batch.id(), results.toString(), "银行回单 (demo)");
            payments.reconcile(actors.finance(), batch.id(), paid, "ZH-" + month, "专户对账单核对一致 (demo)");
            LOG.info("demo history {}: {} plans approved, batch {} paid {} to {} payees", month, planIds.size(),
                    batch.id(), Fen.of(paid), batch.lines().size());
        }

        if (h.currentMonthReceipts()) {
            // this month: last month's benchmark money is in the account, so a plan has revenue to allocate
            YearMonth energyMonth = current.minusMonths(1);
            Instant morning = current.atDay(1).atTime(WORK).atZone(calendar.zone()).toInstant();
            Instant now = Instant.now().minus(Duration.ofMinutes(1));
            clock.replayFrom(morning.isBefore(now) ? morning : now);
            settlement.importCsv(actors.finance(), "grid-" + energyMonth + ".csv", statementCsv(energyMonth),
                    "国网结算单 " + energyMonth + " (demo)");
            for (DemoCounty.StationSpec s : county.stations()) {
                String no = statementNo(s.code(), energyMonth);
                settlement.recordReceipt(actors.finance(), s.code(), new ReceiptRequest(ReceiptKind.BENCHMARK,
                        benchmarkFen(s, energyMonth), calendar.dateOf(clock.instant()), "BK-" + no,
                        "专户到账：脱硫煤电价部分 (demo)", no, null, null));
            }
            // and the posts' attendance of this month, so the plan a visitor drafts has its wage lines
            for (int i = 0; i < posted.size(); i++) {
                DemoCounty.PostSpec p = county.posts().get(i);
                posts.recordAttendance(actors.committee(p.village()), posted.get(i).id(), current.toString(),
                        p.worked(), p.required(), "考勤表 (demo)");
            }
        }
        clock.live();
        issueLinks(actors);
    }

    private void issueLinks(Actors actors) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<DemoCounty.HouseholdSpec>> e : county.households().entrySet()) {
            for (DemoCounty.HouseholdSpec hs : e.getValue()) {
                IssuedToken t = transparency.issue(actors.committee(e.getKey()), hs.no(), "一码清二维码发放 (demo)",
                        publicUrl);
                out.append(hs.no()).append(' ').append(e.getKey()).append(' ').append(t.url()).append('\n');
                LOG.info("DEMO HOUSEHOLD {} {} {}", hs.no(), e.getKey(), t.url());
            }
        }
        if (!linksFile.isBlank()) {
            try {
                Files.writeString(Path.of(linksFile), out.toString(), StandardCharsets.UTF_8);
            } catch (IOException ex) {
                LOG.warn("could not write the demo's household links to {}: {}", linksFile, ex.getMessage());
            }
        }
    }

    private HouseholdView register(Actor committee, String village, DemoCounty.HouseholdSpec hs) {
        List<NewHousehold.NewMember> members = new ArrayList<>();
        for (DemoCounty.MemberSpec m : hs.members()) {
            members.add(new NewHousehold.NewMember(m.name(), IdNumbers.withCheck(m.id17()), m.relation(),
                    LabourCapacity.valueOf(m.labour()), m.bank() == null ? null : m.bank().name(),
                    m.bank() == null ? null : m.bank().account()));
        }
        return households.register(committee, village, new NewHousehold(hs.no(), HouseholdStatus.valueOf(hs.status()),
                LocalDate.of(2016, 1, 1), hs.bank().name(), hs.bank().account(), members, "建档立卡户登记 (demo)"));
    }

    /** Villages that own a share of a station and have households: each plans every month. */
    private List<String> owningVillages() {
        List<String> out = new ArrayList<>();
        for (DemoCounty.StationSpec s : county.stations()) {
            for (String v : s.shares().keySet()) {
                if (!out.contains(v) && county.households().containsKey(v)) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    private PlanRequest planRequest(String village, YearMonth month, Map<String, Long> projectIds) {
        DemoCounty.HistorySpec h = county.history();
        Map<String, BigDecimal> percents = new LinkedHashMap<>(h.categories());
        List<PlanRequest.Line> lines = new ArrayList<>();
        DemoCounty.SmallProjectSpec sp = h.smallProject();
        if (sp != null && sp.village().equals(village)) {
            percents.put(sp.from(), percents.get(sp.from()).subtract(sp.percent()));
            percents.put(sp.category(), sp.percent());
            lines.add(new PlanRequest.Line(sp.category(), null, null, sp.fixedFen(), LineBasis.NONE, sp.project(),
                    projectIds.get(sp.project())));
        }
        for (DemoCounty.LineSpec l : h.lines()) {
            if (l.village().equals(village)) {
                lines.add(new PlanRequest.Line(l.category(), l.household(), l.weight(), null,
                        LineBasis.valueOf(l.basis()), l.reference(), null));
            }
        }
        List<AllocationRequest.CategoryShare> categories = new ArrayList<>();
        percents.forEach((code, pct) -> categories.add(new AllocationRequest.CategoryShare(code, pct)));
        return new PlanRequest(month.toString(), categories, lines, month + " 收益分配方案 (demo)");
    }

    private String statementCsv(YearMonth energyMonth) {
        StringBuilder csv = new StringBuilder(SettlementService.HEADER).append('\n');
        for (DemoCounty.StationSpec s : county.stations()) {
            BigDecimal kwh = kwh(s);
            BigDecimal benchmark = Fen.of(benchmarkFen(s, energyMonth)).toYuan();
            // the benchmark price includes 13 % VAT
            BigDecimal tax = benchmark.multiply(new BigDecimal("13")).divide(new BigDecimal("113"), 2,
                    RoundingMode.HALF_UP);
            csv.append(s.code()).append(',').append(statementNo(s.code(), energyMonth)).append(',')
                    .append(energyMonth.atDay(1)).append(',').append(energyMonth.atEndOfMonth()).append(',')
                    .append(kwh.toPlainString()).append(',').append(benchmark.toPlainString()).append(',')
                    .append(tax.toPlainString()).append('\n');
        }
        return csv.toString();
    }

    private static String statementNo(String station, YearMonth month) {
        return "GW-" + station + "-" + month.toString().replace("-", "");
    }

    private BigDecimal kwh(DemoCounty.StationSpec s) {
        BigDecimal kwh = county.history().statementKwh().get(s.code());
        if (kwh == null) {
            throw new IllegalStateException("demo/county.yaml: history.statements has no kWh for " + s.code());
        }
        return kwh.setScale(3, RoundingMode.UNNECESSARY);
    }

    private long benchmarkFen(DemoCounty.StationSpec s, YearMonth month) {
        var t = tariffs.inForce(registry.station(s.code()).orElseThrow(), month.atDay(1));
        return Fen.roundHalfUp(kwh(s).multiply(t.benchmarkYuanPerKwh()).movePointRight(2)).value();
    }

    private long subsidyFen(DemoCounty.StationSpec s, YearMonth month) {
        var t = tariffs.inForce(registry.station(s.code()).orElseThrow(), month.atDay(1));
        return Fen.roundHalfUp(kwh(s).multiply(t.yuanPerKwh().subtract(t.benchmarkYuanPerKwh())).movePointRight(2))
                .value();
    }

    private DemoCounty.StationSpec station(String code) {
        return county.stations().stream().filter(s -> s.code().equals(code)).findFirst().orElseThrow();
    }

    /** Moves the replay to a working morning of a past day. */
    private void at(LocalDate day) {
        clock.replayFrom(day.atTime(WORK).atZone(calendar.zone()).toInstant());
    }

    /** The people of the demo's accounts, as the services see them (same user names as demo/county.yaml). */
    private final class Actors {
        private final County c;

        Actors(County c) {
            this.c = c;
        }

        private DemoCounty.AccountSpec account(Role role, String village, String township) {
            return county.accounts().stream().filter(a -> a.role().equals(role.name())
                            && (village == null || village.equals(a.village()))
                            && (township == null || township.equals(a.township())))
                    .findFirst().orElseThrow(() -> new IllegalStateException("demo/county.yaml: no " + role
                            + " account" + (village != null ? " for " + village : "")
                            + (township != null ? " for " + township : "")));
        }

        Actor committee(String villageCode) {
            Village v = registry.village(villageCode).orElseThrow();
            return new Actor(account(Role.VILLAGE_COMMITTEE, villageCode, null).username(), Role.VILLAGE_COMMITTEE,
                    c.id(), v.townshipId(), v.id());
        }

        Actor township(String villageCode) {
            Village v = registry.village(villageCode).orElseThrow();
            String code = county.townships().stream().filter(t -> t.villages().stream()
                    .anyMatch(p -> p.code().equals(villageCode))).findFirst().orElseThrow().code();
            return new Actor(account(Role.TOWNSHIP_REVIEWER, null, code).username(), Role.TOWNSHIP_REVIEWER, c.id(),
                    v.townshipId(), null);
        }

        Actor county() {
            return new Actor(account(Role.COUNTY_APPROVER, null, null).username(), Role.COUNTY_APPROVER, c.id(), null,
                    null);
        }

        Actor finance() {
            return new Actor(account(Role.FINANCE, null, null).username(), Role.FINANCE, c.id(), null, null);
        }
    }
}
