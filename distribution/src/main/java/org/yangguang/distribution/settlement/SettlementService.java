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
import org.yangguang.distribution.ledger.Ledger;
import org.yangguang.distribution.money.Conservation;
import org.yangguang.distribution.money.Fen;
import org.yangguang.distribution.registry.Station;
import org.yangguang.distribution.registry.StationKind;
import org.yangguang.distribution.registry.StationRepository;
import org.yangguang.distribution.registry.VillageRepository;
import org.yangguang.distribution.registry.VillageShareRepository;
import org.yangguang.distribution.revenue.RevenueCalculator;
import org.yangguang.distribution.revenue.ShareLine;
import org.yangguang.distribution.tariff.Tariff;
import org.yangguang.distribution.tariff.TariffService;
import org.yangguang.distribution.telemetry.EnergyUnavailableException;
import org.yangguang.distribution.telemetry.StationEnergy;
import org.yangguang.distribution.time.BusinessCalendar;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Grid settlement statements, receipts, arrears and the distributable amount.
 *
 * <p><b>CSV format</b> (UTF-8, optional BOM, comma-separated, no quoting; blank lines ignored), header exactly
 * {@value #HEADER}: station code, the grid's statement number, first and last day of the period (yyyy-MM-dd,
 * inclusive), on-grid kWh (≤ 3 decimals), benchmark amount and tax in yuan (≤ 2 decimals). A statement is
 * identified by (station, statement_no): importing the same line again changes nothing; the same key with other
 * values is refused for that line. Bad lines are reported with their line number (the header is line 1) and
 * the good lines are imported.
 *
 * <p>Each statement's expected subsidy is kWh × (tariff − benchmark price), rounded half up to the fen, and its
 * kWh is compared with the inverters' energy for the same days: a difference above
 * {@code yangguang.settlement.tolerance-percent} (default 3) flags the statement, as does missing telemetry.
 * <b>Only cash received is distributable</b>: the distributable amount is built from receipts, never from
 * statements.
 */
@Singleton
public class SettlementService {
    public static final String HEADER = "station,statement_no,period_start,period_end,on_grid_kwh,benchmark_yuan,tax_yuan";
    private static final Logger LOG = LoggerFactory.getLogger(SettlementService.class);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final StatementRepository statements;
    private final SettlementImportRepository imports;
    private final ReceiptRepository receipts;
    private final StationRepository stations;
    private final VillageShareRepository shares;
    private final VillageRepository villages;
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
                             ReceiptRepository receipts, StationRepository stations, VillageShareRepository shares,
                             VillageRepository villages, TariffService tariffs, StationEnergy energy,
                             BusinessCalendar calendar, Scopes scopes, Audit audit, Clock clock,
                             @Value("${yangguang.settlement.tolerance-percent:3}") BigDecimal tolerancePercent,
                             List<DeductionRule> deductions, Ledger ledger) {
        this.ledger = ledger;
        this.statements = statements;
        this.imports = imports;
        this.receipts = receipts;
        this.stations = stations;
        this.shares = shares;
        this.villages = villages;
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
        }
        this.deductions = ordered;
    }

    private record Parsed(Station station, String statementNo, LocalDate start, LocalDate end, long wh,
                          long benchmarkFen, long taxFen) {
    }

    @Transactional
    public ImportReport importCsv(Actor actor, String filename, String content, String reason) {
        scopes.requireRole(actor, Role.FINANCE, Role.ADMIN);
        String why = Audit.requireReason(reason);
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        String[] lines = text.split("\r?\n", -1);
        List<ImportReport.LineError> errors = new ArrayList<>();
        List<String> flagged = new ArrayList<>();
        if (lines.length == 0 || !lines[0].strip().equals(HEADER)) {
            throw ApiException.badRequest("bad_header", "line 1 must be the header '" + HEADER + "'", "file");
        }
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
        if (toCreate.isEmpty()) {
            // nothing new: re-importing a file changes nothing, not even the import log
            return new ImportReport(0, unchanged, errors.size(), errors, flagged);
        }
        SettlementImport imp = imports.save(new SettlementImport(null, sha256(content), filename, actor.username(),
                clock.instant(), toCreate.size(), unchanged, errors.size()));
        for (Parsed p : toCreate) {
            Statement s = statements.save(check(p, imp.id()));
            if (s.flagged()) {
                flagged.add(p.station().code() + "/" + p.statementNo() + ": " + s.flagReason());
            }
        }
        audit.record(actor, "settlement.import", "settlement_import", String.valueOf(imp.id()), why, filename + ": "
                + toCreate.size() + " created, " + unchanged + " unchanged, " + errors.size() + " rejected, "
                + flagged.size() + " flagged");
        LOG.info("settlement import {} by {}: {} created, {} unchanged, {} rejected, {} flagged", filename,
                actor.username(), toCreate.size(), unchanged, errors.size(), flagged.size());
        return new ImportReport(toCreate.size(), unchanged, errors.size(), errors, flagged);
    }

    private Parsed parse(Actor actor, String line) {
        String[] f = line.split(",", -1);
        if (f.length != 7) {
            throw new LineProblem(null, "bad_columns", "expected 7 columns (" + HEADER + "), found " + f.length);
        }
        Station station = stations.findByCode(f[0].strip()).filter(s -> s.countyId() == actor.countyId())
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
        long wh = decimal(f[4], "on_grid_kwh", 3).movePointRight(3).longValueExact();
        long benchmark = decimal(f[5], "benchmark_yuan", 2).movePointRight(2).longValueExact();
        long tax = decimal(f[6], "tax_yuan", 2).movePointRight(2).longValueExact();
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

    @Transactional
    public Receipt recordReceipt(Actor actor, String stationCode, ReceiptKind kind, Long amountFen,
                                 LocalDate receivedOn, String reference, String reason) {
        scopes.requireRole(actor, Role.FINANCE, Role.ADMIN);
        String why = Audit.requireReason(reason);
        Station station = station(actor, stationCode);
        if (kind == null) {
            throw ApiException.badRequest("missing_field", "kind is BENCHMARK or SUBSIDY", "kind");
        }
        if (amountFen == null || amountFen <= 0) {
            throw ApiException.badRequest("bad_amount", "amountFen must be positive", "amountFen");
        }
        if (receivedOn == null) {
            throw ApiException.badRequest("missing_field", "receivedOn is required", "receivedOn");
        }
        if (reference == null || !reference.matches("[A-Za-z0-9._/-]{1,64}")) {
            throw ApiException.badRequest("bad_reference", "reference (the bank voucher number) must be 1-64 of "
                    + "A-Z a-z 0-9 . _ / -", "reference");
        }
        var stored = receipts.findByStationIdAndKindAndReference(station.id(), kind, reference);
        if (stored.isPresent()) {
            Receipt r = stored.get();
            if (r.amountFen() == amountFen && r.receivedOn().equals(receivedOn)) {
                return r;
            }
            throw ApiException.conflict("receipt_conflict", "receipt " + reference + " was recorded with other "
                    + "values", "reference");
        }
        Receipt r = receipts.save(new Receipt(null, station.id(), kind, amountFen, receivedOn, reference,
                actor.username(), clock.instant()));
        ledger.append(actor.username(), "station:" + stationCode, "RECEIPT_" + kind, amountFen,
                "receipt " + reference + " " + receivedOn, null);
        audit.record(actor, "receipt.record", "station", stationCode, why, kind + " " + Fen.of(amountFen) + " on "
                + receivedOn + " ref " + reference);
        return r;
    }

    @Transactional
    public StationMoney money(Actor actor, String stationCode) {
        scopes.requireRole(actor, Role.FINANCE, Role.ADMIN, Role.AUDITOR, Role.COUNTY_APPROVER, Role.OPERATOR);
        Station station = station(actor, stationCode);
        List<Statement> st = statements.findByStationIdOrderByPeriodStart(station.id());
        List<Receipt> rc = receipts.findByStationIdOrderByReceivedOn(station.id());
        long expB = st.stream().mapToLong(Statement::benchmarkFen).sum();
        long expS = st.stream().mapToLong(Statement::expectedSubsidyFen).sum();
        long gotB = rc.stream().filter(r -> r.kind() == ReceiptKind.BENCHMARK).mapToLong(Receipt::amountFen).sum();
        long gotS = rc.stream().filter(r -> r.kind() == ReceiptKind.SUBSIDY).mapToLong(Receipt::amountFen).sum();
        return new StationMoney(stationCode, expB, gotB, expB - gotB, expS, gotS, expS - gotS, st, rc);
    }

    /** Cash received in [from, to] (dates inclusive), less deductions in order, split by the shares in force. */
    @Transactional
    public Distributable distributable(Actor actor, String stationCode, LocalDate from, LocalDate to) {
        scopes.requireRole(actor, Role.FINANCE, Role.ADMIN, Role.AUDITOR, Role.COUNTY_APPROVER);
        return distributable(station(actor, stationCode), from, to);
    }

    /** The same without a caller: for plans, which have checked their own access. */
    @Transactional
    public Distributable distributable(Station station, LocalDate from, LocalDate to) {
        String stationCode = station.code();
        if (from == null || to == null || to.isBefore(from)) {
            throw ApiException.badRequest("bad_period", "from and to are dates with to not before from", "to");
        }
        long cash = receipts.findReceived(station.id(), from, to).stream().mapToLong(Receipt::amountFen).sum();
        long remaining = cash;
        List<Distributable.Deduction> taken = new ArrayList<>();
        for (DeductionRule d : deductions) {
            long fen = d.getFixedFen() != null ? d.getFixedFen()
                    : Fen.roundHalfUp(BigDecimal.valueOf(remaining).multiply(d.getPercent()).divide(HUNDRED)).value();
            fen = Math.max(0, Math.min(fen, remaining));
            remaining -= fen;
            taken.add(new Distributable.Deduction(d.getName(), fen));
        }
        if (!shares.findChangesBetween(station.id(), from, to).isEmpty()) {
            throw ApiException.conflict("period_spans_share_change", "the village shares of " + stationCode
                    + " change inside the period; split it", "to");
        }
        List<ShareLine> lines = station.kind() == StationKind.CENTRALIZED ? List.of()
                : shares.findInForce(station.id(), from).stream().map(s -> {
                    var v = villages.findById(s.villageId()).orElseThrow();
                    return new ShareLine(v.id(), v.code(), v.name(), s.sharePercent());
                }).toList();
        RevenueCalculator.Split split = station.kind() == StationKind.CENTRALIZED
                ? RevenueCalculator.splitToCountyPool(Fen.of(remaining), station.povertySharePercent())
                : RevenueCalculator.splitAmongVillages(Fen.of(remaining), lines);
        List<Fen> all = new ArrayList<>();
        taken.forEach(t -> all.add(Fen.of(t.fen())));
        split.villages().forEach(v -> all.add(Fen.of(v.revenueFen())));
        all.add(split.countyPool());
        all.add(split.undistributed());
        Conservation.require(Fen.of(cash), all, "distributable cash of " + stationCode);
        return new Distributable(stationCode, from.toString(), to.toString(), cash, taken, remaining,
                split.villages(), split.countyPool().value(), split.undistributed().value());
    }

    private Station station(Actor actor, String code) {
        Station s = stations.requireByCode(code, "station");
        scopes.requireCounty(actor, s.countyId());
        return s;
    }

    private static LocalDate date(String text, String field) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeException e) {
            throw new LineProblem(field, "bad_date", field + " is not a date yyyy-MM-dd: '" + text.strip() + "'");
        }
    }

    private static BigDecimal decimal(String text, String field, int maxScale) {
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
