package org.yangguang.distribution.settlement;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Audit;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.access.Scopes;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.api.Inputs;
import org.yangguang.distribution.ledger.Fund;
import org.yangguang.distribution.ledger.Ledger;
import org.yangguang.distribution.ledger.LedgerEntry;
import org.yangguang.distribution.ledger.Posting;
import org.yangguang.distribution.ledger.ReversalHandler;
import org.yangguang.distribution.money.Conservation;
import org.yangguang.distribution.money.Fen;
import org.yangguang.distribution.registry.Owners;
import org.yangguang.distribution.registry.Registry;
import org.yangguang.distribution.registry.RegistryController;
import org.yangguang.distribution.registry.ShareGuard;
import org.yangguang.distribution.registry.ShareSetRequest;
import org.yangguang.distribution.registry.Station;
import org.yangguang.distribution.registry.Village;
import org.yangguang.distribution.registry.VillageShare;
import org.yangguang.distribution.revenue.VillageRevenue;
import org.yangguang.distribution.tariff.Tariff;
import org.yangguang.distribution.tariff.TariffService;
import org.yangguang.distribution.telemetry.EnergyUnavailableException;
import org.yangguang.distribution.telemetry.StationEnergy;
import org.yangguang.distribution.time.BusinessCalendar;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Money in: grid settlement statements, receipts, arrears, and where each receipt's fen go — the settlement
 * package's facade.
 *
 * <p><b>CSV format</b> (UTF-8, optional BOM, comma-separated, no quoting; blank lines ignored), header exactly
 * {@value #HEADER}: station code, the grid's statement number, first and last day of the period (yyyy-MM-dd,
 * inclusive), on-grid kWh (≤ 3 decimals, at most {@value #MAX_KWH} kWh), benchmark amount and tax in yuan
 * (≤ 2 decimals, at most {@link Fen#MAX_INPUT} fen). A statement is identified by (station, statement_no):
 * importing the same line again changes nothing; the same key with other values is a bad line. <b>A file is
 * imported whole or not at all</b>: with any bad line nothing is stored and every bad line is listed with its line
 * number (the header is line 1), field and reason (422 {@code import_rejected}); a file of good lines is one
 * transaction.
 *
 * <p>Each statement's expected subsidy is kWh × (tariff − benchmark price), rounded half up to the fen, and its
 * kWh is compared with the inverters' energy for the same days: a difference above
 * {@code yangguang.settlement.tolerance-percent} (default 3) flags the statement, as does missing telemetry.
 *
 * <p><b>Receipts</b> (cash in the 专户) are the only distributable money. A receipt is posted at once, as two ledger
 * transactions: RECEIPT (Dr cash, Cr the station's clearing account) and SPLIT (Dr clearing; Cr each deduction in
 * its configured order, the owning villages' funds, the county pool, the other parties). The split is by the
 * shares in force over the energy the receipt pays for (a subsidy paid a year late is split by last year's shares);
 * a share change inside that period splits it by metered energy, or by days without telemetry. A village that owes
 * money back after a correction (its {@code recoverable}) is repaid from its revenue first.
 */
@Singleton
public class SettlementService implements ReversalHandler, ShareGuard {
    public static final String HEADER = "station,statement_no,period_start,period_end,on_grid_kwh,benchmark_yuan,tax_yuan";
    public static final String RECEIPT = "RECEIPT";
    public static final String SPLIT = "SPLIT";
    public static final String RECOVERY = "RECOVERY";
    static final long MAX_KWH = 1_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(SettlementService.class);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final StatementRepository statements;
    private final SettlementImportRepository imports;
    private final ReceiptRepository receipts;
    private final Registry registry;
    private final TariffService tariffs;
    private final StationEnergy energy;
    private final BusinessCalendar calendar;
    private final Scopes scopes;
    private final Audit audit;
    private final Clock clock;
    private final BigDecimal tolerancePercent;
    private final List<DeductionRule> deductions;
    private final Ledger ledger;

    public SettlementService(StatementRepository statements, SettlementImportRepository imports,
                             ReceiptRepository receipts, Registry registry, TariffService tariffs, StationEnergy energy,
                             BusinessCalendar calendar, Scopes scopes, Audit audit, Clock clock,
                             @Value("${yangguang.settlement.tolerance-percent:3}") BigDecimal tolerancePercent,
                             List<DeductionRule> deductions, Ledger ledger) {
        this.ledger = ledger;
        this.statements = statements;
        this.imports = imports;
        this.receipts = receipts;
        this.registry = registry;
        this.tariffs = tariffs;
        this.energy = energy;
        this.calendar = calendar;
        this.scopes = scopes;
        this.audit = audit;
        this.clock = clock;
        this.tolerancePercent = tolerancePercent;
        List<DeductionRule> ordered = new ArrayList<>(deductions);
        ordered.sort(Comparator.comparingInt(DeductionRule::getOrder).thenComparing(DeductionRule::getName));
        for (DeductionRule d : ordered) {
            if ((d.getPercent() == null) == (d.getFixedFen() == null)) {
                throw new IllegalStateException("yangguang.deductions." + d.getName()
                        + " needs exactly one of percent or fixed-fen");
            }
            if (!d.getName().matches("[a-z0-9][a-z0-9_-]{0,31}")) {
                throw new IllegalStateException("yangguang.deductions." + d.getName() + ": a deduction's name is "
                        + "1-32 of a-z 0-9 _ - (it names a ledger account)");
            }
        }
        this.deductions = ordered;
    }

    // ------------------------------------------------------------------------------------------- statements

    private record Parsed(Station station, String statementNo, LocalDate start, LocalDate end, long wh,
                          long benchmarkFen, long taxFen) {
    }

    /** Imports a settlement file whole, or refuses it listing every bad line ({@link ImportRejected}). */
    @Transactional
    public ImportReport importCsv(Actor actor, String filename, String content, String reason) {
        scopes.requireRole(actor, Role.FINANCE);
        String why = Audit.requireReason(reason);
        String[] lines = Inputs.csvLines(content, HEADER);
        List<ImportReport.LineError> errors = new ArrayList<>();
        List<Parsed> toCreate = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int unchanged = 0;
        for (int i = 1; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                Parsed p = parse(actor, line);
                if (!seen.add(p.station().code() + "/" + p.statementNo())) {
                    throw new LineProblem("statement_no", "duplicate_in_file", "statement " + p.statementNo()
                            + " of " + p.station().code() + " appears twice in this file");
                }
                var stored = statements.findByStationIdAndStatementNo(p.station().id(), p.statementNo());
                if (stored.isPresent()) {
                    Statement s = stored.get();
                    if (s.onGridWh() == p.wh() && s.benchmarkFen() == p.benchmarkFen() && s.taxFen() == p.taxFen()
                            && s.periodStart().equals(p.start()) && s.periodEnd().equals(p.end())) {
                        unchanged++;
                        continue;
                    }
                    throw new LineProblem("statement_no", "statement_conflict", "statement " + p.statementNo()
                            + " of " + p.station().code() + " was imported before with other values; a correction"
                            + " needs a new statement number");
                }
                toCreate.add(p);
            } catch (LineProblem e) {
                errors.add(new ImportReport.LineError(lineNo, e.field, e.code, e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            LOG.info("settlement import {} by {} refused: {} bad lines, nothing imported", filename, actor.username(),
                    errors.size());
            throw new ImportRejected(errors);
        }
        List<String> flagged = new ArrayList<>();
        if (toCreate.isEmpty()) {
            // nothing new: re-importing a file changes nothing, not even the import log
            return new ImportReport(0, unchanged, 0, List.of(), flagged);
        }
        SettlementImport imp = imports.save(new SettlementImport(null, sha256(content), filename, actor.username(),
                clock.instant(), toCreate.size(), unchanged, 0));
        for (Parsed p : toCreate) {
            Statement s = statements.save(check(p, imp.id()));
            if (s.flagged()) {
                flagged.add(p.station().code() + "/" + p.statementNo() + ": " + s.flagReason());
            }
        }
        audit.record(actor, "settlement.import", "settlement_import", String.valueOf(imp.id()), why, filename + ": "
                + toCreate.size() + " created, " + unchanged + " unchanged, " + flagged.size() + " flagged");
        LOG.info("settlement import {} by {}: {} created, {} unchanged, {} flagged", filename, actor.username(),
                toCreate.size(), unchanged, flagged.size());
        return new ImportReport(toCreate.size(), unchanged, 0, List.of(), flagged);
    }

    private Parsed parse(Actor actor, String line) {
        String[] f = line.split(",", -1);
        if (f.length != 7) {
            throw new LineProblem(null, "bad_columns", "expected 7 columns (" + HEADER + "), found " + f.length);
        }
        Station station = registry.station(f[0].strip()).filter(s -> s.countyId() == actor.countyId())
                .orElseThrow(() -> new LineProblem("station", "unknown_station", "no station '" + f[0].strip()
                        + "' in your county"));
        String no = f[1].strip();
        if (!no.matches("[A-Za-z0-9._/-]{1,64}")) {
            throw new LineProblem("statement_no", "bad_statement_no", "statement_no must be 1-64 of A-Z a-z 0-9 . _ / -");
        }
        LocalDate start = date(f[2], "period_start");
        LocalDate end = date(f[3], "period_end");
        if (end.isBefore(start)) {
            throw new LineProblem("period_end", "bad_period", "period_end " + end + " is before period_start " + start);
        }
        long wh = decimal(f[4], "on_grid_kwh", 3, BigDecimal.valueOf(MAX_KWH)).movePointRight(3).longValueExact();
        BigDecimal maxYuan = BigDecimal.valueOf(Fen.MAX_INPUT, 2);
        long benchmark = decimal(f[5], "benchmark_yuan", 2, maxYuan).movePointRight(2).longValueExact();
        long tax = decimal(f[6], "tax_yuan", 2, maxYuan).movePointRight(2).longValueExact();
        return new Parsed(station, no, start, end, wh, benchmark, tax);
    }

    private Statement check(Parsed p, long importId) {
        Tariff tariff = tariffs.inForce(p.station(), p.start());
        BigDecimal kwh = BigDecimal.valueOf(p.wh(), 3);
        long expectedSubsidy = Fen.roundHalfUp(kwh.multiply(tariff.yuanPerKwh().subtract(tariff.benchmarkYuanPerKwh()))
                .movePointRight(2)).value();
        Long telemetryWh = null;
        String flag = null;
        try {
            telemetryWh = energy.energy(p.station().code(), p.start().atStartOfDay(calendar.zone()).toInstant(),
                    p.end().plusDays(1).atStartOfDay(calendar.zone()).toInstant()).wh();
            long diff = Math.abs(telemetryWh - p.wh());
            BigDecimal allowed = BigDecimal.valueOf(p.wh()).multiply(tolerancePercent).divide(HUNDRED);
            if (BigDecimal.valueOf(diff).compareTo(allowed) > 0) {
                flag = "statement " + kwh.toPlainString() + " kWh, telemetry " + BigDecimal.valueOf(telemetryWh, 3)
                        .toPlainString() + " kWh: differ by more than " + tolerancePercent.toPlainString() + " %";
            }
        } catch (EnergyUnavailableException e) {
            flag = "telemetry unavailable: " + e.getMessage();
        }
        if (flag != null && flag.length() > 500) {
            flag = flag.substring(0, 500);
        }
        return new Statement(null, p.station().id(), p.statementNo(), p.start(), p.end(), p.wh(), p.benchmarkFen(),
                p.taxFen(), expectedSubsidy, telemetryWh, flag != null, flag, importId);
    }

    // ------------------------------------------------------------------------------------------- receipts

    @Transactional
    public Receipt recordReceipt(Actor actor, String stationCode, ReceiptKind kind, Long amountFen,
                                 LocalDate receivedOn, String reference, String reason) {
        return recordReceipt(actor, stationCode, new ReceiptRequest(kind, amountFen, receivedOn, reference, reason));
    }

    /** How many receipts are recorded (an import tells a new line from one recorded before). */
    long receiptCount() {
        return receipts.count();
    }

    /** Cash in the 专户 (idempotent by reference), posted and split at once; finance only. */
    @Transactional
    public Receipt recordReceipt(Actor actor, String stationCode, ReceiptRequest req) {
        scopes.requireRole(actor, Role.FINANCE);
        String why = Audit.requireReason(req.reason());
        Station station = station(actor, stationCode);
        if (req.kind() == null) {
            throw ApiException.badRequest("missing_field", "kind is BENCHMARK or SUBSIDY", "kind");
        }
        long amount = Inputs.positiveFen(req.amountFen(), "amountFen");
        LocalDate receivedOn = req.receivedOn();
        if (receivedOn == null) {
            throw ApiException.badRequest("missing_field", "receivedOn is required", "receivedOn");
        }
        if (receivedOn.isAfter(calendar.today())) {
            throw ApiException.badRequest("bad_date", "receivedOn " + receivedOn + " is in the future; record cash "
                    + "once it is in the account", "receivedOn");
        }
        String reference = req.reference();
        if (reference == null || !reference.matches("[A-Za-z0-9._/-]{1,64}")) {
            throw ApiException.badRequest("bad_reference", "reference (the bank voucher number) must be 1-64 of "
                    + "A-Z a-z 0-9 . _ / -", "reference");
        }
        LocalDate[] period = energyPeriod(station, req, receivedOn);
        var stored = receipts.findByStationIdAndKindAndReference(station.id(), req.kind(), reference);
        if (stored.isPresent()) {
            Receipt r = stored.get();
            if (r.reversedTx() == null && r.amountFen() == amount && r.receivedOn().equals(receivedOn)) {
                return r;
            }
            throw ApiException.conflict("receipt_conflict", "receipt " + reference + " was recorded with other "
                    + "values" + (r.reversedTx() != null ? " and reversed; record the corrected receipt under a new "
                    + "reference" : ""), "reference");
        }
        Receipt r = receipts.save(new Receipt(null, station.id(), req.kind(), amount, receivedOn, reference,
                actor.username(), clock.instant(), period[0], period[1],
                req.statementNo() == null ? null : req.statementNo().strip(), null, null, null));
        String county = countyCode(station);
        Ledger.Posted in = ledger.post(actor.username(), Posting.of(RECEIPT, receivedOn, "receipt " + req.kind() + " "
                        + reference + " " + station.code())
                .debit(Fund.cash(county), amount)
                .credit(Fund.clearing(county, station.code()), amount));
        Ledger.Posted split = postSplit(actor.username(), station, r, amount, deductionsOf(amount, county),
                receivedOn, "split of receipt " + reference);
        r = receipts.update(r.posted(in.tx(), split.tx()));
        audit.record(actor, "receipt.record", "station", stationCode, why, req.kind() + " " + Fen.of(amount) + " on "
                + receivedOn + " ref " + reference + " for energy " + period[0] + ".." + period[1]);
        return r;
    }

    /** The energy a receipt pays for: its statement's period, the given days, or its own calendar month. */
    private LocalDate[] energyPeriod(Station station, ReceiptRequest req, LocalDate receivedOn) {
        if (req.statementNo() != null && !req.statementNo().isBlank()) {
            Statement s = statements.findByStationIdAndStatementNo(station.id(), req.statementNo().strip())
                    .orElseThrow(() -> ApiException.badRequest("unknown_statement", "no statement "
                            + req.statementNo() + " of " + station.code(), "statementNo"));
            return new LocalDate[]{s.periodStart(), s.periodEnd()};
        }
        if (req.energyFrom() != null || req.energyTo() != null) {
            if (req.energyFrom() == null || req.energyTo() == null || req.energyTo().isBefore(req.energyFrom())) {
                throw ApiException.badRequest("bad_period", "energyFrom and energyTo are both needed, energyTo not "
                        + "before energyFrom", "energyTo");
            }
            if (req.energyFrom().isAfter(receivedOn)) {
                throw ApiException.badRequest("bad_period", "the energy paid for starts after the cash arrived",
                        "energyFrom");
            }
            return new LocalDate[]{req.energyFrom(), req.energyTo()};
        }
        YearMonth m = YearMonth.from(receivedOn);
        return new LocalDate[]{m.atDay(1), m.atEndOfMonth()};
    }

    /** Deductions of one receipt, in their configured order: percent of what remains (half up), or fixed fen. */
    private LinkedHashMap<String, Long> deductionsOf(long amount, String county) {
        LinkedHashMap<String, Long> taken = new LinkedHashMap<>();
        long remaining = amount;
        for (DeductionRule d : deductions) {
            long fen = d.getFixedFen() != null ? d.getFixedFen()
                    : Fen.roundHalfUp(BigDecimal.valueOf(remaining).multiply(d.getPercent()).divide(HUNDRED)).value();
            fen = Math.max(0, Math.min(fen, remaining));
            remaining -= fen;
            taken.put(Fund.deduction(county, d.getName()), fen);
        }
        return taken;
    }

    /** SPLIT: the clearing account's money to deductions and owners, over the receipt's energy period. */
    private Ledger.Posted postSplit(String actor, Station station, Receipt r, long amount,
                                    Map<String, Long> deductionLines, LocalDate valueDate, String reference) {
        String county = countyCode(station);
        long net = amount;
        for (long d : deductionLines.values()) {
            net = Math.subtractExact(net, d);
        }
        List<Owners> stretches = registry.ownership(station, r.energyFrom(), r.energyTo());
        String basis = "by days";
        List<Long> wh = null;
        if (stretches.size() > 1) {
            wh = new ArrayList<>();
            try {
                for (Owners o : stretches) {
                    wh.add(energy.energy(station.code(), o.from().atStartOfDay(calendar.zone()).toInstant(),
                            o.to().plusDays(1).atStartOfDay(calendar.zone()).toInstant()).wh());
                }
                basis = wh.stream().mapToLong(Long::longValue).sum() > 0 ? "by metered energy" : "by days (no energy)";
            } catch (EnergyUnavailableException e) {
                wh = null;
                basis = "by days (telemetry unavailable)";
            }
        }
        OwnerSplit split = OwnerSplit.of(net, stretches, OwnerSplit.weights(stretches, wh), basis);
        Posting p = Posting.of(SPLIT, valueDate, clip(reference + " " + r.energyFrom() + ".." + r.energyTo() + " "
                + split.basis()))
                .debit(Fund.clearing(county, station.code()), amount);
        deductionLines.forEach(p::credit);
        for (Map.Entry<String, Long> v : split.villages().entrySet()) {
            creditFund(p, Fund.village(county, v.getKey()), v.getValue());
        }
        creditFund(p, Fund.pool(county), split.pool());
        p.credit(Fund.otherParties(county, station.code()), split.rest());
        return ledger.post(actor, p);
    }

    /** Revenue to a fund: first what it owes back (recoverable), then its balance. */
    private void creditFund(Posting p, Fund fund, long fen) {
        if (fen <= 0) {
            return;
        }
        long owed = Math.max(0, ledger.sum(fund.recoverable()));
        long repay = Math.min(owed, fen);
        p.credit(fund.recoverable(), repay);
        p.credit(fund.balance(), fen - repay);
    }

    private static String clip(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200);
    }

    /** RECEIPT transactions can be reversed through the ledger (a receipt entered by mistake). */
    @Override
    public Set<String> kinds() {
        return Set.of(RECEIPT);
    }

    /**
     * The receipt's split follows it: its money is taken back from its owners (a fund that has spent it since owes
     * it: recoverable), and the receipt no longer counts.
     */
    @Override
    public void reversed(Actor actor, long originalTx, long reversalTx, String reason) {
        Receipt r = receipts.findByReceiptTx(originalTx).orElseThrow(() -> new IllegalStateException(
                "no receipt for transaction " + originalTx));
        r = receipts.lockById(r.id()).orElseThrow();
        ledger.reverseTx(actor.username(), r.splitTx(), "reverses split tx " + r.splitTx() + " of receipt "
                + r.reference());
        receipts.update(r.reversed(reversalTx));
        recover(actor.username(), registry.station(r.stationId()), "after reversal of receipt " + r.reference());
    }

    /** Every fund of the station's owners whose balance went below zero now owes the difference (RECOVERY). */
    private void recover(String actor, Station station, String why) {
        String county = countyCode(station);
        Set<Fund> funds = new LinkedHashSet<>();
        registry.shareHistory(station.id()).forEach(s -> funds.add(Fund.village(county,
                registry.village(s.villageId()).code())));
        funds.add(Fund.pool(county));
        for (Fund f : funds) {
            long debit = ledger.sum(f.balance());
            if (debit > 0) {
                ledger.post(actor, Posting.of(RECOVERY, calendar.today(), clip(f.label() + " owes " + debit
                        + " fen " + why)).debit(f.recoverable(), debit).credit(f.balance(), debit));
            }
        }
    }

    // ------------------------------------------------------------------------------------------- reallocation

    /** What a reallocation changed: each receipt re-split, and each fund's net change. */
    @io.micronaut.serde.annotation.Serdeable
    public record Reallocation(String station, String effectiveFrom, List<String> receipts,
                               Map<String, Long> changeFen) {
    }

    /**
     * Corrects the shares of a period already used for money (issue 12 §4): records the corrected set as a new
     * revision of its date, and for every receipt whose energy reaches that date reverses its split (REVERSAL) and
     * splits it again (SPLIT) with the same deductions, so each village gains or loses exactly the difference. A
     * village that has spent what it loses owes it (recoverable) and repays it from its next revenue. Finance, with a
     * reason citing the decision; audited.
     */
    @Transactional
    public Reallocation reallocate(Actor actor, String stationCode, ShareSetRequest req) {
        scopes.requireRole(actor, Role.FINANCE);
        String why = Audit.requireReason(req.reason());
        Station station = station(actor, stationCode);
        List<VillageShare> saved = registry.recordShares(actor.username(), station, req, true);
        String county = countyCode(station);
        Map<String, Long> change = new LinkedHashMap<>();
        List<String> done = new ArrayList<>();
        for (Receipt r : receipts.findSplitFrom(station.id(), req.effectiveFrom())) {
            Receipt locked = receipts.lockById(r.id()).orElseThrow();
            List<LedgerEntry> before = ledger.lines(locked.splitTx());
            Map<String, Long> deductionLines = new LinkedHashMap<>();
            for (LedgerEntry e : before) {
                if (e.account().startsWith(county + ":deduction:")) {
                    deductionLines.merge(e.account(), -e.amountFen(), Math::addExact);
                }
                if (!e.account().endsWith(":clearing") && !e.account().contains(":deduction:")) {
                    change.merge(fundOf(e.account()), e.amountFen(), Math::addExact);
                }
            }
            ledger.reverseTx(actor.username(), locked.splitTx(), "reallocation: reverses split tx "
                    + locked.splitTx() + " of receipt " + locked.reference());
            Ledger.Posted again = postSplit(actor.username(), station, locked, locked.amountFen(), deductionLines,
                    calendar.today(), "reallocation: split of receipt " + locked.reference());
            for (LedgerEntry e : ledger.lines(again.tx())) {
                if (!e.account().endsWith(":clearing") && !e.account().contains(":deduction:")) {
                    change.merge(fundOf(e.account()), -e.amountFen(), Math::addExact);
                }
            }
            receipts.update(locked.resplit(again.tx()));
            done.add(locked.reference());
        }
        change.values().removeIf(v -> v == 0);
        recover(actor.username(), station, "after reallocation of " + stationCode + " from " + req.effectiveFrom());
        audit.record(actor, "shares.reallocate", "station", stationCode, why, RegistryController.describe(req)
                + "; receipts re-split: " + done + "; change " + change + " (" + saved.size() + " shares)");
        return new Reallocation(stationCode, req.effectiveFrom().toString(), done, change);
    }

    /** "lin:village:lin-a:balance" and ":recoverable" are one fund's: "lin:village:lin-a". */
    private static String fundOf(String account) {
        int last = account.lastIndexOf(':');
        return account.substring(0, last);
    }

    /** A receipt already split by the shares in force on and after the date blocks a new plain set from it. */
    @Override
    public List<String> blockers(Station station, LocalDate effectiveFrom, Set<Long> villageIds) {
        List<String> out = new ArrayList<>();
        for (Receipt r : receipts.findSplitFrom(station.id(), effectiveFrom)) {
            out.add("receipt " + r.reference() + " (energy " + r.energyFrom() + ".." + r.energyTo()
                    + ") is already split by the shares in force");
            if (out.size() == 3) {
                out.add("…");
                break;
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------- reading

    @Transactional
    public StationMoney money(Actor actor, String stationCode) {
        scopes.requireRole(actor, Role.FINANCE, Role.ADMIN, Role.AUDITOR, Role.COUNTY_APPROVER, Role.OPERATOR);
        Station station = station(actor, stationCode);
        List<Statement> st = statements.findByStationIdOrderByPeriodStart(station.id());
        List<Receipt> rc = receipts.findByStationIdOrderByReceivedOn(station.id()).stream()
                .filter(r -> r.reversedTx() == null).toList();
        Fen expB = Fen.sum(st.stream().map(s -> Fen.of(s.benchmarkFen())).toList());
        Fen expS = Fen.sum(st.stream().map(s -> Fen.of(s.expectedSubsidyFen())).toList());
        Fen gotB = Fen.sum(rc.stream().filter(r -> r.kind() == ReceiptKind.BENCHMARK).map(r -> Fen.of(r.amountFen()))
                .toList());
        Fen gotS = Fen.sum(rc.stream().filter(r -> r.kind() == ReceiptKind.SUBSIDY).map(r -> Fen.of(r.amountFen()))
                .toList());
        return new StationMoney(stationCode, expB.value(), gotB.value(), expB.minus(gotB).value(), expS.value(),
                gotS.value(), expS.minus(gotS).value(), st, rc);
    }

    /** Cash received in [from, to] (dates inclusive) and where the ledger put it. */
    @Transactional
    public Distributable distributable(Actor actor, String stationCode, LocalDate from, LocalDate to) {
        scopes.requireRole(actor, Role.FINANCE, Role.ADMIN, Role.AUDITOR, Role.COUNTY_APPROVER);
        return distributable(station(actor, stationCode), from, to);
    }

    /**
     * Read from the ledger: the split transactions of the receipts received in the period (each as last split, after
     * any reallocation), summed per deduction, village, county pool and other parties. Cash = Σ of all of them.
     */
    @Transactional
    public Distributable distributable(Station station, LocalDate from, LocalDate to) {
        if (from == null || to == null || to.isBefore(from)) {
            throw ApiException.badRequest("bad_period", "from and to are dates with to not before from", "to");
        }
        String county = countyCode(station);
        Fen cash = Fen.ZERO;
        Map<String, Fen> deducted = new LinkedHashMap<>();
        for (DeductionRule d : deductions) {
            deducted.put(d.getName(), Fen.ZERO);
        }
        Map<String, Fen> villages = new LinkedHashMap<>();
        Fen pool = Fen.ZERO;
        Fen other = Fen.ZERO;
        String deductionPrefix = county + ":deduction:";
        String villagePrefix = county + ":village:";
        for (Receipt r : receipts.findReceived(station.id(), from, to)) {
            cash = cash.plus(Fen.of(r.amountFen()));
            for (LedgerEntry e : ledger.lines(r.splitTx())) {
                Fen credit = Fen.of(-e.amountFen());
                String a = e.account();
                if (a.startsWith(deductionPrefix)) {
                    deducted.merge(a.substring(deductionPrefix.length()), credit, Fen::plus);
                } else if (a.startsWith(villagePrefix)) {
                    villages.merge(a.substring(villagePrefix.length(), a.lastIndexOf(':')), credit, Fen::plus);
                } else if (a.startsWith(county + ":pool:")) {
                    pool = pool.plus(credit);
                } else if (a.endsWith(":other-parties")) {
                    other = other.plus(credit);
                }
            }
        }
        List<Distributable.Deduction> taken = new ArrayList<>();
        deducted.forEach((n, f) -> taken.add(new Distributable.Deduction(n, f.value())));
        Fen net = cash;
        for (Fen d : deducted.values()) {
            net = net.minus(d);
        }
        List<VillageRevenue> rows = new ArrayList<>();
        for (Owners.Owner o : registry.ownersOn(station, to)) {
            villages.putIfAbsent(o.code(), Fen.ZERO);
        }
        for (Map.Entry<String, Fen> v : villages.entrySet()) {
            Village village = registry.village(v.getKey()).orElseThrow();
            rows.add(new VillageRevenue(village.code(), village.name(), sharePercentOn(station, village, to),
                    v.getValue().value()));
        }
        List<Fen> all = new ArrayList<>(deducted.values());
        villages.values().forEach(all::add);
        all.add(pool);
        all.add(other);
        Conservation.require(cash, all, "distributable cash of " + station.code());
        return new Distributable(station.code(), from.toString(), to.toString(), cash.value(), taken, net.value(),
                rows, pool.value(), other.value());
    }

    private BigDecimal sharePercentOn(Station station, Village village, LocalDate date) {
        List<Owners> o = registry.ownership(station, date, date);
        for (Owners.Owner owner : o.get(0).villages()) {
            if (owner.villageId() == village.id()) {
                return BigDecimal.valueOf(owner.parts()).multiply(HUNDRED)
                        .divide(BigDecimal.valueOf(o.get(0).whole()), 6, RoundingMode.HALF_EVEN).stripTrailingZeros();
            }
        }
        return BigDecimal.ZERO;
    }

    private Station station(Actor actor, String code) {
        Station s = registry.requireStation(code, "station");
        scopes.requireCounty(actor, s.countyId());
        return s;
    }

    private String countyCode(Station s) {
        return registry.county(s.countyId()).code();
    }

    private static LocalDate date(String text, String field) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeException e) {
            throw new LineProblem(field, "bad_date", field + " is not a date yyyy-MM-dd: '" + text.strip() + "'");
        }
    }

    private static BigDecimal decimal(String text, String field, int maxScale, BigDecimal max) {
        BigDecimal v;
        try {
            v = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new LineProblem(field, "bad_number", field + " is not a number: '" + text.strip() + "'");
        }
        if (v.signum() < 0) {
            throw new LineProblem(field, "bad_number", field + " must not be negative");
        }
        if (v.stripTrailingZeros().scale() > maxScale) {
            throw new LineProblem(field, "bad_number", field + " has more than " + maxScale + " decimals: "
                    + text.strip());
        }
        if (v.compareTo(max) > 0) {
            throw new LineProblem(field, "number_too_large", field + " is " + text.strip() + ", more than the largest "
                    + "accepted, " + max.toPlainString());
        }
        return v;
    }

    private static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class LineProblem extends RuntimeException {
        final String field;
        final String code;

        LineProblem(String field, String code, String message) {
            super(message);
            this.field = field;
            this.code = code;
        }
    }
}
