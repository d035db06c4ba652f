package org.yangguang.distribution.household;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Audit;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.access.Scopes;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.registry.Registry;
import org.yangguang.distribution.registry.Village;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Households, the household package's one facade: registration and status history (the village committee registers
 * its own village's households; status changes are recorded with a date and a reason, never overwritten; a
 * household's labour capacity is the best of its members'), and what the money path asks of a household: its status
 * on a date, its members, and whom to pay (the payee).
 */
@Singleton
public class HouseholdService {
    private final HouseholdRepository households;
    private final HouseholdMemberRepository members;
    private final StatusChangeRepository history;
    private final Registry villages;
    private final Scopes scopes;
    private final Audit audit;
    private final Clock clock;

    public HouseholdService(HouseholdRepository households, HouseholdMemberRepository members,
                            StatusChangeRepository history, Registry villages, Scopes scopes, Audit audit,
                            Clock clock) {
        this.households = households;
        this.members = members;
        this.history = history;
        this.villages = villages;
        this.scopes = scopes;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public HouseholdView register(Actor actor, String villageCode, NewHousehold n) {
        scopes.requireRole(actor, Role.VILLAGE_COMMITTEE, Role.ADMIN);
        Village village = villages.requireVillage(villageCode, "village");
        scopes.requireVillage(actor, village);
        String reason = Audit.requireReason(n.reason());
        String regNo = required(n.registrationNo(), "registrationNo");
        if (!regNo.matches("[A-Za-z0-9-]{4,64}")) {
            throw ApiException.badRequest("bad_registration_no", "registration number must be 4-64 letters, digits or"
                    + " '-': " + regNo, "registrationNo");
        }
        if (households.findByRegistrationNo(regNo).isPresent()) {
            throw ApiException.conflict("household_exists", "household " + regNo + " is already registered",
                    "registrationNo");
        }
        HouseholdStatus status = n.status() == null ? HouseholdStatus.REGISTERED_POOR : n.status();
        String bankName = required(n.bankName(), "bankName");
        String account = bankAccount(n.bankAccount(), "bankAccount");
        if (n.members() == null || n.members().isEmpty()) {
            throw ApiException.badRequest("missing_field", "a household has at least one member (the head first)",
                    "members");
        }
        Set<String> ids = new HashSet<>();
        LabourCapacity best = LabourCapacity.NONE;
        for (int i = 0; i < n.members().size(); i++) {
            NewHousehold.NewMember m = n.members().get(i);
            String f = "members[" + i + "]";
            required(m.name(), f + ".name");
            String id = required(m.idNumber(), f + ".idNumber").toUpperCase();
            if (!IdNumbers.isValid(id)) {
                throw ApiException.badRequest("bad_id_number", "ID number of member " + (i + 1)
                        + " is not a valid 18-character resident ID (check digit)", f + ".idNumber");
            }
            if (!ids.add(id) || members.findByIdNumber(id).isPresent()) {
                throw ApiException.conflict("person_exists", "member " + (i + 1) + " is already registered in a"
                        + " household", f + ".idNumber");
            }
            if (m.labourCapacity() == null) {
                throw ApiException.badRequest("missing_field", "labourCapacity is required", f + ".labourCapacity");
            }
            if (m.labourCapacity().ordinal() < best.ordinal()) {
                best = m.labourCapacity();
            }
            if ((m.bankAccount() == null) != (m.bankName() == null)) {
                throw ApiException.badRequest("missing_field", "a member's own account needs both bankName and "
                        + "bankAccount", f + ".bankAccount");
            }
            if (m.bankAccount() != null) {
                bankAccount(m.bankAccount(), f + ".bankAccount");
            }
        }
        NewHousehold.NewMember head = n.members().get(0);
        Household h = households.save(new Household(null, village.id(), regNo, head.name().strip(), status, best, bankName,
                account, clock.instant()));
        for (int i = 0; i < n.members().size(); i++) {
            NewHousehold.NewMember m = n.members().get(i);
            members.save(new HouseholdMember(null, h.id(), m.name().strip(), m.idNumber().toUpperCase(),
                    i == 0 ? "HEAD" : (m.relation() == null ? "MEMBER" : m.relation()), m.labourCapacity(),
                    m.bankName() == null ? null : m.bankName().strip(),
                    m.bankAccount() == null ? null : bankAccount(m.bankAccount(), "bankAccount")));
        }
        LocalDate from = n.statusFrom() == null ? LocalDate.now(clock) : n.statusFrom();
        history.save(new StatusChange(null, h.id(), status, from, reason, actor.username(), clock.instant()));
        audit.record(actor, "household.register", "household", regNo, reason, "village " + villageCode + ", "
                + n.members().size() + " members, status " + status);
        return view(h);
    }

    @Transactional
    public HouseholdView changeStatus(Actor actor, String registrationNo, HouseholdStatus status,
                                      LocalDate effectiveFrom, String reason) {
        scopes.requireRole(actor, Role.VILLAGE_COMMITTEE, Role.ADMIN);
        String why = Audit.requireReason(reason);
        Household h = household(registrationNo);
        scopes.requireVillage(actor, villages.village(h.villageId()));
        households.lockById(h.id());
        if (status == null) {
            throw ApiException.badRequest("missing_field", "status is required", "status");
        }
        if (effectiveFrom == null) {
            throw ApiException.badRequest("missing_field", "effectiveFrom is required", "effectiveFrom");
        }
        List<StatusChange> past = history.findHistory(h.id());
        StatusChange latest = past.get(past.size() - 1);
        if (effectiveFrom.isBefore(latest.effectiveFrom())) {
            throw ApiException.badRequest("status_out_of_order", "the latest status change is effective from "
                    + latest.effectiveFrom() + "; a new one cannot take effect earlier", "effectiveFrom");
        }
        if (latest.status() == status) {
            throw ApiException.conflict("status_unchanged", "household " + registrationNo + " already has status "
                    + status, "status");
        }
        history.save(new StatusChange(null, h.id(), status, effectiveFrom, why, actor.username(), clock.instant()));
        Household updated = households.update(h.withStatus(status));
        audit.record(actor, "household.status", "household", registrationNo, why,
                latest.status() + " -> " + status + " from " + effectiveFrom);
        return view(updated);
    }

    @Transactional
    public HouseholdView get(Actor actor, String registrationNo) {
        Household h = household(registrationNo);
        scopes.requireVillage(actor, villages.village(h.villageId()));
        return view(h);
    }

    @Transactional
    public List<HouseholdView> list(Actor actor, String villageCode) {
        Village village = villages.requireVillage(villageCode, "village");
        scopes.requireVillage(actor, village);
        List<HouseholdView> out = new ArrayList<>();
        for (Household h : households.findByVillageIdOrderById(village.id())) {
            out.add(view(h));
        }
        return out;
    }

    /** The status a household had on a date (eligibility is judged as of the plan period). */
    @Transactional
    public HouseholdStatus statusOn(long householdId, LocalDate date) {
        HouseholdStatus s = null;
        for (StatusChange c : history.findHistory(householdId)) {
            if (!c.effectiveFrom().isAfter(date)) {
                s = c.status();
            }
        }
        return s;
    }

    public Household household(String registrationNo) {
        return households.findByRegistrationNo(registrationNo).orElseThrow(() -> ApiException.notFound(
                "unknown_household", "no household with registration number '" + registrationNo + "'",
                "registrationNo"));
    }

    public Household byId(long id) {
        return households.findById(id).orElseThrow();
    }

    public HouseholdMember member(long id) {
        return members.findById(id).orElseThrow(() -> ApiException.badRequest("unknown_person",
                "no household member with id " + id, "memberId"));
    }

    /** Locks the member's row: one person's post assignments run one at a time. */
    public HouseholdMember lockMember(long id) {
        return members.lockById(id).orElseThrow(() -> ApiException.badRequest("unknown_person",
                "no household member with id " + id, "holderMemberId"));
    }

    /** Whom a payment to this household (or, with {@code memberId}, to this member) goes to. */
    public record Payee(String name, String bankName, String bankAccount, String note) {
    }

    /**
     * Money goes only to the beneficiary's own account (DOMAIN.md): a member's wage into the member's own account
     * when they have one; otherwise into the household's account, in the name of its holder (the head) — a bank
     * rejects a transfer whose name does not match the account — with the member named in the purpose.
     */
    @Transactional
    public Payee payee(long householdId, Long memberId) {
        Household h = byId(householdId);
        if (memberId != null) {
            HouseholdMember m = members.findById(memberId).orElseThrow();
            if (m.bankAccount() != null) {
                return new Payee(m.name(), m.bankName(), m.bankAccount(), "");
            }
            if (!"HEAD".equals(m.relation())) {
                return new Payee(h.headName(), h.bankName(), h.bankAccount(), "成员 " + m.name());
            }
        }
        return new Payee(h.headName(), h.bankName(), h.bankAccount(), "");
    }

    /** The facts a line paying this household (or member) is judged by, on {@code date}. */
    public record Facts(long householdId, long villageId, HouseholdStatus status, LabourCapacity labour) {
    }

    @Transactional
    public Facts factsOn(long householdId, Long memberId, LocalDate date) {
        Household h = byId(householdId);
        LabourCapacity labour = memberId == null ? h.labourCapacity() : members.findById(memberId).orElseThrow()
                .labourCapacity();
        return new Facts(h.id(), h.villageId(), statusOn(h.id(), date), labour);
    }

    static String bankAccount(String raw, String field) {
        String account = raw == null ? "" : raw.replace(" ", "");
        if (!account.matches("\\d{12,19}")) {
            throw ApiException.badRequest("bad_bank_account", "bank account must be 12-19 digits", field);
        }
        return account;
    }

    HouseholdView view(Household h) {
        Village v = villages.village(h.villageId());
        List<HouseholdView.MemberView> ms = members.findByHouseholdIdOrderById(h.id()).stream()
                .map(m -> new HouseholdView.MemberView(m.id(), m.name(), Masking.idNumber(m.idNumber()), m.relation(),
                        m.labourCapacity(), m.bankAccount() == null ? null : Masking.bankAccount(m.bankAccount())))
                .toList();
        return new HouseholdView(h.registrationNo(), v.code(), h.headName(), h.status(), h.labourCapacity(),
                h.bankName(), Masking.bankAccount(h.bankAccount()), ms, history.findHistory(h.id()));
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("missing_field", field + " is required", field);
        }
        return value.strip();
    }
}
