package org.yangguang.distribution.payment;

import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
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
import org.yangguang.distribution.api.Inputs;
import org.yangguang.distribution.household.HouseholdService;
import org.yangguang.distribution.household.Masking;
import org.yangguang.distribution.ledger.Fund;
import org.yangguang.distribution.ledger.Ledger;
import org.yangguang.distribution.ledger.Posting;
import org.yangguang.distribution.ledger.ReversalHandler;
import org.yangguang.distribution.money.Fen;
import org.yangguang.distribution.project.Project;
import org.yangguang.distribution.project.ProjectService;
import org.yangguang.distribution.registry.Registry;
import org.yangguang.distribution.settlement.ImportReport;
import org.yangguang.distribution.time.BusinessCalendar;
import org.yangguang.distribution.workflow.LineKind;
import org.yangguang.distribution.workflow.PlanService;
import org.yangguang.distribution.workflow.PlanState;
import org.yangguang.distribution.workflow.Transition;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Money out: payment batches, the payment package's facade (issue 5 §6, issue 12 §3).
 *
 * <ul>
 *   <li><b>No payment without an approved plan line whose notice ended without an unresolved objection</b>: lines
 *   come only from the plans' facade ({@link PlanService#payable}).</li>
 *   <li><b>One person, one payment per post and period; one household, one per category and period</b>: a wage line
 *   takes the claim {@code W:<ID number>:<post>:<period>}, a household line {@code H:<household>:<category>:<period>},
 *   every line {@code L:<plan line>}, under a unique key. Two members of one household each holding a post are two
 *   people: both are paid. A line whose claim is taken is left out of the batch with the reason; the rest of the
 *   batch goes on.</li>
 *   <li>Money goes to the payee's own account ({@link HouseholdService#payee}; a project's payee); a project is paid
 *   once accepted (验收). Builds of one county run one at a time (a lock on the county), plan lines are locked.</li>
 *   <li><b>Duties</b>: whoever drafted or approved a plan does not pay it (its lines are left for another finance
 *   officer).</li>
 *   <li>Results per line ({@link PaymentLineState}): PAID is a ledger PAYMENT (Dr the fund's payable, Cr the cash);
 *   FAILED gives the claims back; RETURNED (money back after being paid) is a ledger RETURN and makes the line due
 *   again. Reversing a PAYMENT in the ledger reverses its line too (REVERSED). Reconciliation compares the paid total
 *   with the dedicated account's debit for the batch.</li>
 * </ul>
 */
@Singleton
public class PaymentService implements ReversalHandler {
    public static final String RESULTS_HEADER = "line_id,result,bank_reference,message";
    public static final String PAYMENT = "PAYMENT";
    public static final String RETURN = "RETURN";
    private static final Logger LOG = LoggerFactory.getLogger(PaymentService.class);

    private final PaymentBatchRepository batches;
    private final PaymentLineRepository lines;
    private final PaymentClaimRepository claims;
    private final PlanService plans;
    private final HouseholdService households;
    private final ProjectService projects;
    private final Registry registry;
    private final Ledger ledger;
    private final Scopes scopes;
    private final Audit audit;
    private final BusinessCalendar calendar;

    public PaymentService(PaymentBatchRepository batches, PaymentLineRepository lines, PaymentClaimRepository claims,
                          PlanService plans, HouseholdService households, ProjectService projects, Registry registry,
                          Ledger ledger, Scopes scopes, Audit audit, BusinessCalendar calendar) {
        this.batches = batches;
        this.lines = lines;
        this.claims = claims;
        this.plans = plans;
        this.households = households;
        this.projects = projects;
        this.registry = registry;
        this.ledger = ledger;
        this.scopes = scopes;
        this.audit = audit;
        this.calendar = calendar;
    }

    private record Transfer(PlanService.Payable line, String payee, String bank, String account, String purpose,
                            Set<String> keys) {
    }

    @Transactional
    public BatchView build(Actor actor, String reason) {
        scopes.requireRole(actor, Role.FINANCE);
        String why = Audit.requireReason(reason);
        registry.lockCounty(actor.countyId());
        List<String> skipped = new ArrayList<>();
        List<Transfer> take = new ArrayList<>();
        Set<String> inThisBatch = new LinkedHashSet<>();
        Map<Long, Set<String>> involved = new HashMap<>();
        for (PlanService.Payable candidate : plans.payable(actor.countyId(), skipped)) {
            if (involved.computeIfAbsent(candidate.planId(), plans::involved).contains(actor.username())) {
                skipped.add("plan line " + candidate.lineId() + ": " + actor.username() + " drafted or approved plan "
                        + candidate.planId() + "; another finance officer pays it");
                continue;
            }
            PlanService.Payable l = plans.lockLine(candidate.lineId());
            if (l.state() != org.yangguang.distribution.workflow.LinePayment.PENDING) {
                continue;
            }
            Transfer t;
            try {
                t = transfer(l);
            } catch (Skip s) {
                skipped.add("plan line " + l.lineId() + ": " + s.getMessage());
                continue;
            }
            String taken = t.keys().stream().filter(k -> inThisBatch.contains(k) || claims.findByClaimKey(k).isPresent())
                    .findFirst().orElse(null);
            if (taken != null) {
                skipped.add("plan line " + l.lineId() + ": " + taken + " is already in a batch or paid");
                continue;
            }
            inThisBatch.addAll(t.keys());
            take.add(t);
        }
        if (take.isEmpty()) {
            throw ApiException.conflict("nothing_to_pay", "no approved, unpaid plan line is ready"
                    + (skipped.isEmpty() ? "" : ": " + String.join("; ", skipped)), null);
        }
        long total = 0;
        for (Transfer t : take) {
            total = Math.addExact(total, t.line().amountFen());
        }
        Ledger.Head head = ledger.head();
        PaymentBatch batch = batches.save(new PaymentBatch(null, actor.countyId(), BatchState.BUILT, total, take.size(),
                actor.username(), calendar.clock().instant(), null, head.seq(), head.hash()));
        for (Transfer t : take) {
            PlanService.Payable l = t.line();
            PaymentLine saved = lines.save(new PaymentLine(null, batch.id(), l.lineId(), l.householdId(), l.memberId(),
                    l.category(), l.period(), l.amountFen(), t.payee(), t.bank(), t.account(),
                    PaymentLineState.IN_BATCH, null, null, l.projectId(), l.postId(), t.purpose(), null));
            for (String k : t.keys()) {
                claims.save(new PaymentClaim(null, k, saved.id()));
            }
            plans.linePayment(l.lineId(), PaymentLineState.IN_BATCH.forPlanLine());
        }
        audit.record(actor, "payment.batch", "payment_batch", String.valueOf(batch.id()), why, take.size()
                + " lines, " + Fen.of(total) + (skipped.isEmpty() ? "" : "; " + skipped.size() + " left out"));
        LOG.info("payment batch {} built by {}: {} lines, {}, {} left out", batch.id(), actor.username(), take.size(),
                Fen.of(total), skipped.size());
        return view(batch, skipped);
    }

    /** Why a line cannot go into this batch (it stays due). */
    private static final class Skip extends RuntimeException {
        Skip(String message) {
            super(message, null, false, false);
        }
    }

    /** The payee, purpose and claims of a line. */
    private Transfer transfer(PlanService.Payable l) {
        String purpose = "光伏收益 " + l.category() + " " + l.period();
        Set<String> keys = new LinkedHashSet<>();
        keys.add("L:" + l.lineId());
        if (l.kind() == LineKind.PROJECT) {
            Project p = projects.project(l.projectId());
            if (p.state() != Project.State.ACCEPTED) {
                throw new Skip("project " + p.id() + " (" + p.name() + ") is not accepted yet (验收); it is paid once "
                        + "the township or county accepts it");
            }
            return new Transfer(l, p.payeeName(), p.bankName(), p.bankAccount(), clip128(purpose + " 项目 " + p.name()),
                    keys);
        }
        HouseholdService.Payee payee = households.payee(l.householdId(), l.memberId());
        if (l.kind() == LineKind.WAGE) {
            keys.add("W:" + households.member(l.memberId()).idNumber() + ":" + l.postId() + ":" + l.period());
        } else {
            keys.add("H:" + l.householdId() + ":" + l.category() + ":" + l.period());
        }
        return new Transfer(l, payee.name(), payee.bankName(), payee.bankAccount(),
                clip128(payee.note().isEmpty() ? purpose : purpose + " " + payee.note()), keys);
    }

    @Transactional
    public ImportReport importResults(Actor actor, long batchId, String csv, String reason) {
        scopes.requireRole(actor, Role.FINANCE);
        String why = Audit.requireReason(reason);
        PaymentBatch batch = batch(actor, batchId, true);
        String[] rows = Inputs.csvLines(csv, RESULTS_HEADER);
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
                errors.add(new ImportReport.LineError(lineNo, null, "bad_columns", "expected 4 columns ("
                        + RESULTS_HEADER + "), found " + f.length));
                continue;
            }
            PaymentLine p;
            try {
                p = lines.lockById(Long.parseLong(f[0].strip())).filter(x -> x.batchId() == batchId).orElse(null);
            } catch (NumberFormatException e) {
                p = null;
            }
            if (p == null) {
                errors.add(new ImportReport.LineError(lineNo, "line_id", "unknown_line", "no line " + f[0].strip()
                        + " in batch " + batchId));
                continue;
            }
            PaymentLineState result;
            try {
                result = PaymentLineState.valueOf(f[1].strip().toUpperCase());
            } catch (IllegalArgumentException e) {
                result = null;
            }
            if (result != PaymentLineState.PAID && result != PaymentLineState.FAILED
                    && result != PaymentLineState.RETURNED) {
                errors.add(new ImportReport.LineError(lineNo, "result", "bad_result",
                        "result is PAID, FAILED or RETURNED"));
                continue;
            }
            if (p.state() == result) {
                unchanged++;
                continue;
            }
            if (!p.state().mayBecome(result)) {
                errors.add(new ImportReport.LineError(lineNo, "result", "result_conflict", "line " + p.id()
                        + " is " + p.state() + " and cannot become " + result));
                continue;
            }
            String ref = f[2].strip();
            String msg = f[3].strip();
            if (result != PaymentLineState.FAILED && !ref.matches("[A-Za-z0-9._/-]{1,64}")) {
                errors.add(new ImportReport.LineError(lineNo, "bank_reference", "bad_reference",
                        "a paid or returned line needs the bank's reference"));
                continue;
            }
            apply(actor, p, result, ref.isEmpty() ? null : ref, msg.isEmpty() ? null : clip(msg));
            applied++;
        }
        boolean settled = lines.findByBatchIdOrderById(batchId).stream()
                .noneMatch(l -> l.state() == PaymentLineState.IN_BATCH);
        if (settled && batch.state() == BatchState.BUILT) {
            batches.update(batch.with(BatchState.SETTLED, null));
        }
        if (applied > 0) {
            audit.record(actor, "payment.results", "payment_batch", String.valueOf(batchId), why, applied
                    + " results applied, " + unchanged + " unchanged, " + errors.size() + " rejected");
        }
        return new ImportReport(applied, unchanged, errors.size(), errors, List.of());
    }

    /** One line's result: its money in the ledger, its claims, its plan line. */
    private void apply(Actor actor, PaymentLine p, PaymentLineState result, String ref, String msg) {
        PlanService.Payable line = plans.lockLine(p.planLineId());
        Fund fund = line.fund();
        String cash = Fund.cash(fund.county());
        Long tx = null;
        if (result == PaymentLineState.PAID) {
            tx = ledger.post(actor.username(), Posting.of(PAYMENT, calendar.today(), "batch " + p.batchId() + " line "
                    + p.id() + " " + p.category() + " " + p.period() + " bank " + ref)
                    .debit(fund.payable(), p.amountFen()).credit(cash, p.amountFen())).tx();
        } else if (result == PaymentLineState.RETURNED) {
            ledger.post(actor.username(), Posting.of(RETURN, calendar.today(), "batch " + p.batchId() + " line "
                    + p.id() + " returned by the bank " + ref)
                    .debit(cash, p.amountFen()).credit(fund.payable(), p.amountFen()));
        }
        lines.update(p.moved(result, ref, msg, tx));
        if (result != PaymentLineState.PAID) {
            claims.deleteByPaymentLineId(p.id());
        }
        plans.linePayment(p.planLineId(), result.forPlanLine());
    }

    /** PAYMENT transactions can be reversed through the ledger: the line is then REVERSED and due again. */
    @Override
    public Set<String> kinds() {
        return Set.of(PAYMENT);
    }

    @Override
    public void reversed(Actor actor, long originalTx, long reversalTx, String reason) {
        PaymentLine p = lines.findByResultTx(originalTx).orElseThrow(() -> new IllegalStateException(
                "no payment line for transaction " + originalTx));
        p = lines.lockById(p.id()).orElseThrow();
        if (!p.state().mayBecome(PaymentLineState.REVERSED)) {
            throw new ApiException(HttpStatus.CONFLICT, "payment_not_paid", "payment line " + p.id() + " is "
                    + p.state() + "; only a paid line's payment can be reversed", "seq");
        }
        plans.lockLine(p.planLineId());
        lines.update(p.moved(PaymentLineState.REVERSED, null, clip("reversed: " + reason), null));
        claims.deleteByPaymentLineId(p.id());
        plans.linePayment(p.planLineId(), PaymentLineState.REVERSED.forPlanLine());
    }

    @Transactional
    public BatchView reconcile(Actor actor, long batchId, Long accountDebitFen, String statementRef, String reason) {
        scopes.requireRole(actor, Role.FINANCE);
        String why = Audit.requireReason(reason);
        PaymentBatch batch = batch(actor, batchId, true);
        if (batch.state() != BatchState.SETTLED) {
            throw ApiException.conflict("batch_not_settled", "batch " + batchId + " is " + batch.state()
                    + "; every line needs a result first", null);
        }
        if (accountDebitFen == null || statementRef == null || statementRef.isBlank()) {
            throw ApiException.badRequest("missing_field", "accountDebitFen and statementRef (the dedicated account's"
                    + " statement) are required", "accountDebitFen");
        }
        List<PaymentLine> all = lines.findByBatchIdOrderById(batchId);
        Fen paid = Fen.sum(all.stream().filter(l -> l.state() == PaymentLineState.PAID)
                .map(l -> Fen.of(l.amountFen())).toList());
        if (paid.value() != accountDebitFen) {
            throw ApiException.conflict("reconcile_mismatch", "the dedicated account shows " + Fen.of(accountDebitFen)
                    + " debited, the batch paid " + paid + ": difference " + Fen.of(accountDebitFen).minus(paid),
                    "accountDebitFen");
        }
        batches.update(batch.with(BatchState.RECONCILED, statementRef.strip()));
        Set<Long> planIds = new LinkedHashSet<>();
        for (PaymentLine l : all) {
            planIds.add(plans.lockLine(l.planLineId()).planId());
        }
        for (Long planId : planIds) {
            if (plans.allPaid(planId) && plans.state(planId) == PlanState.PAYABLE) {
                plans.move(actor, planId, Transition.RECONCILE, "every line paid; batch " + batchId
                        + " reconciled with " + statementRef);
            }
        }
        audit.record(actor, "payment.reconcile", "payment_batch", String.valueOf(batchId), why, "paid " + paid
                + " = account debit, statement " + statementRef);
        return view(batches.findById(batchId).orElseThrow(), List.of());
    }

    @Transactional
    public BatchView get(Actor actor, long batchId) {
        scopes.requireRole(actor, Role.FINANCE, Role.AUDITOR, Role.ADMIN, Role.COUNTY_APPROVER);
        return view(batch(actor, batchId, false), List.of());
    }

    /** A household's transfers as its QR page shows them: no account but its own, masked. */
    @Serdeable
    public record Received(String period, String category, long amountFen, PaymentLineState state,
                           String paidIntoMasked) {
    }

    @Transactional
    public List<Received> ofHousehold(long householdId) {
        return lines.findByHouseholdIdOrderById(householdId).stream().map(p -> new Received(p.period(), p.category(),
                p.amountFen(), p.state(), Masking.bankAccount(p.bankAccount()))).toList();
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
        PaymentBatch batch = batch(actor, batchId, false);
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
            // the ledger's head when the batch was built, on a sheet of its own (the bank reads the first)
            Worksheet about = wb.newWorksheet("账本 ledger");
            about.value(0, 0, "账本链头 ledger head at build");
            about.value(0, 1, head(batch));
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String purpose(PaymentLine l) {
        return l.purpose() != null ? l.purpose() : "光伏收益 " + l.category() + " " + l.period();
    }

    private PaymentBatch batch(Actor actor, long id, boolean lock) {
        PaymentBatch b = (lock ? batches.lockById(id) : batches.findById(id)).orElseThrow(() -> ApiException.notFound(
                "unknown_batch", "no payment batch " + id, "batchId"));
        scopes.requireCounty(actor, b.countyId());
        return b;
    }

    private static String head(PaymentBatch b) {
        return b.ledgerSeq() == null ? null : "#" + b.ledgerSeq() + " " + b.ledgerHash();
    }

    private BatchView view(PaymentBatch b, List<String> skipped) {
        List<BatchView.Line> ls = lines.findByBatchIdOrderById(b.id()).stream().map(l -> new BatchView.Line(l.id(),
                l.planLineId(), l.category(), l.period(), l.amountFen(), l.payeeName(),
                Masking.bankAccount(l.bankAccount()), l.state(), l.bankReference(), l.message(), l.purpose())).toList();
        return new BatchView(b.id(), b.state(), b.totalFen(), b.lineCount(), ls, skipped, head(b));
    }

    private static String clip128(String s) {
        return s.length() <= 128 ? s : s.substring(0, 128);
    }

    private static String clip(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200);
    }
}
