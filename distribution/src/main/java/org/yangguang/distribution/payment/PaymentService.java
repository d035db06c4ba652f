package org.yangguang.distribution.payment;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Audit;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.access.Scopes;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.household.Household;
import org.yangguang.distribution.household.HouseholdMemberRepository;
import org.yangguang.distribution.household.HouseholdRepository;
import org.yangguang.distribution.household.Masking;
import org.yangguang.distribution.ledger.Ledger;
import org.yangguang.distribution.money.Fen;
import org.yangguang.distribution.registry.TownshipRepository;
import org.yangguang.distribution.registry.Village;
import org.yangguang.distribution.registry.VillageRepository;
import org.yangguang.distribution.settlement.ImportReport;
import org.yangguang.distribution.time.BusinessCalendar;
import org.yangguang.distribution.workflow.ObjectionRepository;
import org.yangguang.distribution.workflow.Plan;
import org.yangguang.distribution.workflow.PlanLine;
import org.yangguang.distribution.workflow.PlanLineRepository;
import org.yangguang.distribution.workflow.PlanRepository;
import org.yangguang.distribution.workflow.PlanService;
import org.yangguang.distribution.workflow.PlanState;
import org.yangguang.distribution.workflow.Transition;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Payment batches (issue 5 §6 and the payment invariants of §5).
 *
 * <ul>
 *   <li><b>No payment without an approved plan line whose notice ended without an open objection</b>: a batch
 *   takes lines only from PAYABLE plans (reachable only through the state machine) and checks again that the
 *   notice has ended and no objection is open.</li>
 *   <li><b>No household or person paid twice for one category and period</b>: every line takes claims
 *   {@code H:<household>:<category>:<period>} and {@code P:<person>:<category>:<period>} under a unique key; plan
 *   lines are locked while a batch is built, so concurrent builders never take the same line.</li>
 *   <li>Money goes to the household's own registered account; the bank file is the only place the full number
 *   appears.</li>
 *   <li>Results are imported per line (PAID or FAILED; a failed line gives its claims back and can go into a later
 *   batch); each paid line is a ledger entry; reconciliation compares the paid total with the dedicated
 *   account's debit for the batch.</li>
 * </ul>
 */
@Singleton
public class PaymentService {
    public static final String RESULTS_HEADER = "line_id,result,bank_reference,message";
    private static final Logger LOG = LoggerFactory.getLogger(PaymentService.class);

    private final PaymentBatchRepository batches;
    private final PaymentLineRepository lines;
    private final PaymentClaimRepository claims;
    private final PlanRepository plans;
    private final PlanLineRepository planLines;
    private final ObjectionRepository objections;
    private final PlanService planService;
    private final HouseholdRepository households;
    private final HouseholdMemberRepository members;
    private final VillageRepository villages;
    private final TownshipRepository townships;
    private final Ledger ledger;
    private final Scopes scopes;
    private final Audit audit;
    private final BusinessCalendar calendar;

    public PaymentService(PaymentBatchRepository batches, PaymentLineRepository lines, PaymentClaimRepository claims,
                          PlanRepository plans, PlanLineRepository planLines, ObjectionRepository objections,
                          PlanService planService, HouseholdRepository households, HouseholdMemberRepository members,
                          VillageRepository villages, TownshipRepository townships, Ledger ledger, Scopes scopes,
                          Audit audit, BusinessCalendar calendar) {
        this.batches = batches;
        this.lines = lines;
        this.claims = claims;
        this.plans = plans;
        this.planLines = planLines;
        this.objections = objections;
        this.planService = planService;
        this.households = households;
        this.members = members;
        this.villages = villages;
        this.townships = townships;
        this.ledger = ledger;
        this.scopes = scopes;
        this.audit = audit;
        this.calendar = calendar;
    }

    @Transactional
    public BatchView build(Actor actor, String reason) {
        scopes.requireRole(actor, Role.FINANCE);
        String why = Audit.requireReason(reason);
        LocalDate today = calendar.today();
        List<String> skipped = new ArrayList<>();
        List<PaymentLine> take = new ArrayList<>();
        List<Plan> payable = new ArrayList<>(plans.findByState(PlanState.PAYABLE));
        payable.sort(Comparator.comparing(Plan::id));
        for (Plan plan : payable) {
            Village village = villages.findById(plan.villageId()).orElseThrow();
            if (townships.findById(village.townshipId()).orElseThrow().countyId() != actor.countyId()) {
                continue;
            }
            if (plan.noticeEnd() == null || today.isBefore(plan.noticeEnd())
                    || objections.countByPlanIdAndOpen(plan.id(), true) > 0) {
                skipped.add("plan " + plan.id() + ": notice not ended or an objection is open");
                continue;
            }
            for (PlanLine candidate : planLines.findByPlanIdOrderById(plan.id())) {
                if (candidate.householdId() == null || candidate.amountFen() <= 0) {
                    continue;
                }
                PlanLine l = planLines.lockById(candidate.id()).orElseThrow();
                if (!PlanService.PENDING.equals(l.paymentState()) && !"FAILED".equals(l.paymentState())) {
                    continue;
                }
                Set<String> keys = keys(l, plan.period());
                String taken = keys.stream().filter(k -> claims.findByClaimKey(k).isPresent()).findFirst().orElse(null);
                if (taken != null) {
                    skipped.add("plan line " + l.id() + ": " + taken + " is already in a batch or paid");
                    continue;
                }
                Household h = households.findById(l.householdId()).orElseThrow();
                String payee = l.memberId() == null ? h.headName()
                        : members.findById(l.memberId()).orElseThrow().name();
                take.add(new PaymentLine(null, null, l.id(), h.id(), l.memberId(), l.category(), plan.period(),
                        l.amountFen(), payee, h.bankName(), h.bankAccount(), "IN_BATCH", null, null));
            }
        }
        if (take.isEmpty()) {
            throw ApiException.conflict("nothing_to_pay", "no approved, unpaid plan line is ready"
                    + (skipped.isEmpty() ? "" : ": " + String.join("; ", skipped)), null);
        }
        long total = take.stream().mapToLong(PaymentLine::amountFen).sum();
        PaymentBatch batch = batches.save(new PaymentBatch(null, actor.countyId(), "BUILT", total, take.size(),
                actor.username(), calendar.clock().instant(), null));
        Set<String> inThisBatch = new LinkedHashSet<>();
        for (PaymentLine p : take) {
            PlanLine pl = planLines.findById(p.planLineId()).orElseThrow();
            for (String k : keys(pl, p.period())) {
                if (!inThisBatch.add(k)) {
                    throw ApiException.conflict("paid_twice", "two lines of this batch would pay " + k, null);
                }
            }
            PaymentLine saved = lines.save(new PaymentLine(null, batch.id(), p.planLineId(), p.householdId(),
                    p.memberId(), p.category(), p.period(), p.amountFen(), p.payeeName(), p.bankName(),
                    p.bankAccount(), "IN_BATCH", null, null));
            for (String k : keys(pl, p.period())) {
                claims.save(new PaymentClaim(null, k, saved.id()));
            }
            planLines.update(pl.withPaymentState("IN_BATCH"));
        }
        audit.record(actor, "payment.batch", "payment_batch", String.valueOf(batch.id()), why, take.size()
                + " lines, " + Fen.of(total));
        LOG.info("payment batch {} built by {}: {} lines, {}", batch.id(), actor.username(), take.size(), Fen.of(total));
        return view(batch, skipped);
    }

    private static Set<String> keys(PlanLine l, String period) {
        Set<String> k = new LinkedHashSet<>();
        k.add("H:" + l.householdId() + ":" + l.category() + ":" + period);
        if (l.memberId() != null) {
            k.add("P:" + l.memberId() + ":" + l.category() + ":" + period);
        }
        return k;
    }

    @Transactional
    public ImportReport importResults(Actor actor, long batchId, String csv, String reason) {
        scopes.requireRole(actor, Role.FINANCE);
        String why = Audit.requireReason(reason);
        PaymentBatch batch = batch(actor, batchId, true);
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        String[] rows = text.split("\r?\n", -1);
        if (rows.length == 0 || !rows[0].strip().equals(RESULTS_HEADER)) {
            throw ApiException.badRequest("bad_header", "line 1 must be the header '" + RESULTS_HEADER + "'", "file");
        }
        List<ImportReport.LineError> errors = new ArrayList<>();
        int applied = 0;
        int unchanged = 0;
        for (int i = 1; i < rows.length; i++) {
            String row = rows[i].strip();
            if (row.isEmpty()) {
                continue;
            }
            String[] f = row.split(",", -1);
            int lineNo = i + 1;
            if (f.length != 4) {
                errors.add(new ImportReport.LineError(lineNo, null, "bad_columns", "expected 4 columns (" + RESULTS_HEADER
                        + "), found " + f.length));
                continue;
            }
            PaymentLine p;
            try {
                p = lines.findById(Long.parseLong(f[0].strip())).filter(x -> x.batchId() == batchId).orElse(null);
            } catch (NumberFormatException e) {
                p = null;
            }
            if (p == null) {
                errors.add(new ImportReport.LineError(lineNo, "line_id", "unknown_line", "no line " + f[0].strip()
                        + " in batch " + batchId));
                continue;
            }
            String result = f[1].strip().toUpperCase();
            if (!result.equals("PAID") && !result.equals("FAILED")) {
                errors.add(new ImportReport.LineError(lineNo, "result", "bad_result", "result is PAID or FAILED"));
                continue;
            }
            if (p.state().equals(result)) {
                unchanged++;
                continue;
            }
            if (!p.state().equals("IN_BATCH")) {
                errors.add(new ImportReport.LineError(lineNo, "result", "result_conflict", "line " + p.id()
                        + " is already " + p.state()));
                continue;
            }
            String ref = f[2].strip();
            String msg = f[3].strip();
            if (result.equals("PAID") && !ref.matches("[A-Za-z0-9._/-]{1,64}")) {
                errors.add(new ImportReport.LineError(lineNo, "bank_reference", "bad_reference",
                        "a paid line needs the bank's reference"));
                continue;
            }
            lines.update(p.result(result, ref.isEmpty() ? null : ref, msg.isEmpty() ? null : msg));
            PlanLine pl = planLines.lockById(p.planLineId()).orElseThrow();
            planLines.update(pl.withPaymentState(result));
            if (result.equals("PAID")) {
                Plan plan = plans.findById(pl.planId()).orElseThrow();
                String village = villages.findById(plan.villageId()).orElseThrow().code();
                ledger.append(actor.username(), "village:" + village, "PAYMENT", -p.amountFen(), "batch " + batchId
                        + " line " + p.id() + " " + p.category() + " " + p.period() + " bank " + ref, null);
            } else {
                claims.deleteByPaymentLineId(p.id());
            }
            applied++;
        }
        boolean settled = lines.findByBatchIdOrderById(batchId).stream().noneMatch(l -> l.state().equals("IN_BATCH"));
        if (settled && batch.state().equals("BUILT")) {
            batches.update(batch.with("SETTLED", null));
        }
        if (applied > 0) {
            audit.record(actor, "payment.results", "payment_batch", String.valueOf(batchId), why, applied
                    + " results applied, " + unchanged + " unchanged, " + errors.size() + " rejected");
        }
        return new ImportReport(applied, unchanged, errors.size(), errors, List.of());
    }

    @Transactional
    public BatchView reconcile(Actor actor, long batchId, Long accountDebitFen, String statementRef, String reason) {
        scopes.requireRole(actor, Role.FINANCE);
        String why = Audit.requireReason(reason);
        PaymentBatch batch = batch(actor, batchId, true);
        if (!batch.state().equals("SETTLED")) {
            throw ApiException.conflict("batch_not_settled", "batch " + batchId + " is " + batch.state()
                    + "; every line needs a result first", null);
        }
        if (accountDebitFen == null || statementRef == null || statementRef.isBlank()) {
            throw ApiException.badRequest("missing_field", "accountDebitFen and statementRef (the dedicated account's"
                    + " statement) are required", "accountDebitFen");
        }
        List<PaymentLine> all = lines.findByBatchIdOrderById(batchId);
        long paid = all.stream().filter(l -> l.state().equals("PAID")).mapToLong(PaymentLine::amountFen).sum();
        if (paid != accountDebitFen) {
            throw ApiException.conflict("reconcile_mismatch", "the dedicated account shows " + Fen.of(accountDebitFen)
                    + " debited, the batch paid " + Fen.of(paid) + ": difference " + Fen.of(accountDebitFen - paid),
                    "accountDebitFen");
        }
        batches.update(batch.with("RECONCILED", statementRef.strip()));
        Set<Long> planIds = new LinkedHashSet<>();
        for (PaymentLine l : all) {
            planIds.add(planLines.findById(l.planLineId()).orElseThrow().planId());
        }
        for (Long planId : planIds) {
            boolean allPaid = planLines.findByPlanIdOrderById(planId).stream()
                    .filter(l -> l.householdId() != null && l.amountFen() > 0)
                    .allMatch(l -> "PAID".equals(l.paymentState()));
            if (allPaid && plans.findById(planId).orElseThrow().state() == PlanState.PAYABLE) {
                planService.move(actor, planId, Transition.RECONCILE, "every line paid; batch " + batchId
                        + " reconciled with " + statementRef);
            }
        }
        audit.record(actor, "payment.reconcile", "payment_batch", String.valueOf(batchId), why, "paid " + Fen.of(paid)
                + " = account debit, statement " + statementRef);
        return view(batches.findById(batchId).orElseThrow(), List.of());
    }

    @Transactional
    public BatchView get(Actor actor, long batchId) {
        scopes.requireRole(actor, Role.FINANCE, Role.AUDITOR, Role.ADMIN, Role.COUNTY_APPROVER);
        return view(batch(actor, batchId, false), List.of());
    }

    /** The bank file: CSV (UTF-8 with BOM so spreadsheet programs read the Chinese names). */
    @Transactional
    public String bankCsv(Actor actor, long batchId) {
        scopes.requireRole(actor, Role.FINANCE);
        batch(actor, batchId, false);
        StringBuilder sb = new StringBuilder("\uFEFFline_id,payee,bank,account,amount_yuan,purpose\n");
        for (PaymentLine l : lines.findByBatchIdOrderById(batchId)) {
            sb.append(l.id()).append(',').append(l.payeeName()).append(',').append(l.bankName()).append(',')
                    .append(l.bankAccount()).append(',').append(Fen.of(l.amountFen()).toYuan().toPlainString())
                    .append(',').append(purpose(l)).append('\n');
        }
        return sb.toString();
    }

    @Transactional
    public byte[] bankXlsx(Actor actor, long batchId) {
        scopes.requireRole(actor, Role.FINANCE);
        batch(actor, batchId, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "Yangguang", "1.0");
            Worksheet ws = wb.newWorksheet("代发 batch " + batchId);
            String[] head = {"序号 line_id", "收款人 payee", "开户行 bank", "账号 account", "金额(元) amount", "用途 purpose"};
            for (int c = 0; c < head.length; c++) {
                ws.value(0, c, head[c]);
            }
            int r = 1;
            for (PaymentLine l : lines.findByBatchIdOrderById(batchId)) {
                ws.value(r, 0, l.id());
                ws.value(r, 1, l.payeeName());
                ws.value(r, 2, l.bankName());
                ws.value(r, 3, l.bankAccount());
                ws.value(r, 4, Fen.of(l.amountFen()).toYuan());
                ws.style(r, 4).format("0.00").set();
                ws.value(r, 5, purpose(l));
                r++;
            }
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String purpose(PaymentLine l) {
        return "光伏收益 " + l.category() + " " + l.period();
    }

    private PaymentBatch batch(Actor actor, long id, boolean lock) {
        PaymentBatch b = (lock ? batches.lockById(id) : batches.findById(id)).orElseThrow(() -> ApiException.notFound(
                "unknown_batch", "no payment batch " + id, "batchId"));
        scopes.requireCounty(actor, b.countyId());
        return b;
    }

    private BatchView view(PaymentBatch b, List<String> skipped) {
        List<BatchView.Line> ls = lines.findByBatchIdOrderById(b.id()).stream().map(l -> new BatchView.Line(l.id(),
                l.planLineId(), l.category(), l.period(), l.amountFen(), l.payeeName(), Masking.bankAccount(l.bankAccount()),
                l.state(), l.bankReference(), l.message())).toList();
        return new BatchView(b.id(), b.state(), b.totalFen(), b.lineCount(), ls, skipped);
    }

    static BigDecimal yuan(long fen) {
        return Fen.of(fen).toYuan();
    }
}
