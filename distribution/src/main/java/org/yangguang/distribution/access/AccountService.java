package org.yangguang.distribution.access;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.household.IdNumbers;
import org.yangguang.distribution.registry.County;
import org.yangguang.distribution.registry.Registry;
import org.yangguang.distribution.registry.Township;
import org.yangguang.distribution.registry.Village;

import java.time.Clock;
import java.util.List;

/**
 * Accounts, created by a county admin within their county, or at start-up: {@code yangguang.admin.password}
 * (e.g. from the environment as YANGGUANG_ADMIN_PASSWORD) creates the account {@code admin} for county
 * {@code yangguang.admin.county} once, if that county exists. No password is ever stored in the repository.
 *
 * <p><b>Duties</b> (issue 12 §8): an account belongs to one person — name and resident ID number are required and
 * the ID number is unique, so nobody holds two roles through two accounts; the admin manages accounts, shares and
 * policies and is refused every step of the money workflow (drafting, reviewing, paying, recording attendance or
 * receipts). The workflow itself refuses the same person drafting and approving, or approving and paying, one plan.
 */
@Singleton
public class AccountService {
    private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);

    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final Registry registry;
    private final Scopes scopes;
    private final Audit audit;
    private final Clock clock;
    private final String adminPassword;
    private final String adminCounty;
    private final String adminName;
    private final String adminIdNumber;

    public AccountService(AccountRepository accounts, PasswordHasher hasher, Registry registry, Scopes scopes,
                          Audit audit, Clock clock, @Value("${yangguang.admin.password:}") String adminPassword,
                          @Value("${yangguang.admin.county:lin}") String adminCounty,
                          @Value("${yangguang.admin.name:}") String adminName,
                          @Value("${yangguang.admin.id-number:}") String adminIdNumber) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.registry = registry;
        this.scopes = scopes;
        this.audit = audit;
        this.clock = clock;
        this.adminPassword = adminPassword;
        this.adminCounty = adminCounty;
        this.adminName = adminName;
        this.adminIdNumber = adminIdNumber;
    }

    @EventListener
    @Transactional
    public void onStartup(StartupEvent event) {
        if (adminPassword.isEmpty() || accounts.findByUsername("admin").isPresent()) {
            return;
        }
        County county = registry.county(adminCounty).orElse(null);
        if (county == null) {
            LOG.warn("yangguang.admin.password is set but county '{}' (yangguang.admin.county) does not exist; "
                    + "no admin account created", adminCounty);
            return;
        }
        boolean person = !adminName.isBlank() && !adminIdNumber.isBlank();
        if (!person) {
            // a fresh installation must not lock itself out; the admin cannot act in the money workflow anyway
            LOG.warn("yangguang.admin.name and yangguang.admin.id-number are not set: the bootstrap admin account is "
                    + "created without the person it belongs to; set them (every other account needs them)");
        }
        create(Actor.system(county.id()), new NewAccount("admin", adminPassword, Role.ADMIN, null, null,
                person ? adminName : null, person ? adminIdNumber : null, "bootstrap admin from configuration"),
                !person);
        LOG.info("created account admin for county {}", adminCounty);
    }

    @Transactional
    public AccountView create(Actor actor, NewAccount n) {
        return create(actor, n, false);
    }

    private AccountView create(Actor actor, NewAccount n, boolean bootstrapWithoutPerson) {
        scopes.requireRole(actor, Role.ADMIN);
        String reason = Audit.requireReason(n.reason());
        if (n.username() == null || !n.username().matches("[a-z0-9][a-z0-9._-]{2,63}")) {
            throw ApiException.badRequest("bad_username", "username must be 3-64 of a-z 0-9 . _ -", "username");
        }
        PasswordHasher.requireStrong(n.password());
        if (n.role() == null) {
            throw ApiException.badRequest("missing_field", "role is required", "role");
        }
        if (n.role().isService()) {
            throw ApiException.badRequest("service_role", "role " + n.role() + " belongs to service accounts (programs), "
                    + "configured under yangguang.service-accounts, not to a person's account", "role");
        }
        String id = n.idNumber() == null ? null : n.idNumber().strip().toUpperCase();
        if (!bootstrapWithoutPerson) {
            if (n.personName() == null || n.personName().isBlank() || n.personName().length() > 64) {
                throw ApiException.badRequest("missing_field", "personName is required: an account belongs to one "
                        + "person", "personName");
            }
            if (!IdNumbers.isValid(id)) {
                throw ApiException.badRequest("bad_id_number", "idNumber must be the person's 18-character resident "
                        + "ID (check digit): an account belongs to one person", "idNumber");
            }
        }
        if (accounts.findByUsername(n.username()).isPresent()) {
            throw ApiException.conflict("account_exists", "account " + n.username() + " exists", "username");
        }
        if (id != null && accounts.findByIdNumber(id).isPresent()) {
            throw ApiException.conflict("person_has_account", "this person already has an account; one person holds "
                    + "one account (and one role)", "idNumber");
        }
        Long townshipId = null;
        Long villageId = null;
        if (n.role() == Role.VILLAGE_COMMITTEE) {
            Village v = registry.village(n.village() == null ? "" : n.village()).orElseThrow(() ->
                    ApiException.badRequest("unknown_village", "a village committee account needs an existing "
                            + "village code", "village"));
            scopes.requireVillage(actor, v);
            villageId = v.id();
        } else if (n.role() == Role.TOWNSHIP_REVIEWER) {
            Township t = registry.township(n.township() == null ? "" : n.township()).orElseThrow(() ->
                    ApiException.badRequest("unknown_township", "a township reviewer account needs an existing "
                            + "township code", "township"));
            scopes.requireTownship(actor, t);
            townshipId = t.id();
        }
        Account a = accounts.save(new Account(null, n.username(), hasher.hash(n.password()), n.role(),
                actor.countyId(), townshipId, villageId, true, clock.instant(),
                n.personName() == null ? null : n.personName().strip(), id));
        audit.record(actor, "account.create", "account", a.username(), reason, "role " + a.role()
                + (villageId != null ? ", village " + n.village() : "")
                + (townshipId != null ? ", township " + n.township() : ""));
        return AccountView.of(a);
    }

    @Transactional
    public List<AccountView> list(Actor actor) {
        scopes.requireRole(actor, Role.ADMIN, Role.AUDITOR);
        return accounts.findByCountyIdOrderByUsername(actor.countyId()).stream().map(AccountView::of).toList();
    }
}
