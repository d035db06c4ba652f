package org.yangguang.distribution.access;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.registry.County;
import org.yangguang.distribution.registry.CountyRepository;
import org.yangguang.distribution.registry.Township;
import org.yangguang.distribution.registry.TownshipRepository;
import org.yangguang.distribution.registry.Village;
import org.yangguang.distribution.registry.VillageRepository;

import java.time.Clock;
import java.util.List;

/**
 * Accounts, created by a county admin within their county, or at start-up: {@code yangguang.admin.password}
 * (e.g. from the environment as YANGGUANG_ADMIN_PASSWORD) creates the account {@code admin} for county
 * {@code yangguang.admin.county} once, if that county exists. No password is ever stored in the repository.
 */
@Singleton
public class AccountService {
    private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);

    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final CountyRepository counties;
    private final TownshipRepository townships;
    private final VillageRepository villages;
    private final Scopes scopes;
    private final Audit audit;
    private final Clock clock;
    private final String adminPassword;
    private final String adminCounty;

    public AccountService(AccountRepository accounts, PasswordHasher hasher, CountyRepository counties,
                          TownshipRepository townships, VillageRepository villages, Scopes scopes, Audit audit,
                          Clock clock, @Value("${yangguang.admin.password:}") String adminPassword,
                          @Value("${yangguang.admin.county:lin}") String adminCounty) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.counties = counties;
        this.townships = townships;
        this.villages = villages;
        this.scopes = scopes;
        this.audit = audit;
        this.clock = clock;
        this.adminPassword = adminPassword;
        this.adminCounty = adminCounty;
    }

    @EventListener
    @Transactional
    public void onStartup(StartupEvent event) {
        if (adminPassword.isEmpty() || accounts.findByUsername("admin").isPresent()) {
            return;
        }
        County county = counties.findByCode(adminCounty).orElse(null);
        if (county == null) {
            LOG.warn("yangguang.admin.password is set but county '{}' (yangguang.admin.county) does not exist; "
                    + "no admin account created", adminCounty);
            return;
        }
        create(Actor.system(county.id()), new NewAccount("admin", adminPassword, Role.ADMIN, null, null,
                "bootstrap admin from configuration"));
        LOG.info("created account admin for county {}", adminCounty);
    }

    @Transactional
    public AccountView create(Actor actor, NewAccount n) {
        scopes.requireRole(actor, Role.ADMIN);
        String reason = Audit.requireReason(n.reason());
        if (n.username() == null || !n.username().matches("[a-z0-9][a-z0-9._-]{2,63}")) {
            throw ApiException.badRequest("bad_username", "username must be 3-64 of a-z 0-9 . _ -", "username");
        }
        PasswordHasher.requireStrong(n.password());
        if (n.role() == null) {
            throw ApiException.badRequest("missing_field", "role is required", "role");
        }
        if (accounts.findByUsername(n.username()).isPresent()) {
            throw ApiException.conflict("account_exists", "account " + n.username() + " exists", "username");
        }
        Long townshipId = null;
        Long villageId = null;
        if (n.role() == Role.VILLAGE_COMMITTEE) {
            Village v = villages.findByCode(n.village() == null ? "" : n.village()).orElseThrow(() ->
                    ApiException.badRequest("unknown_village", "a village committee account needs an existing "
                            + "village code", "village"));
            scopes.requireVillage(actor, v);
            villageId = v.id();
        } else if (n.role() == Role.TOWNSHIP_REVIEWER) {
            Township t = townships.findByCode(n.township() == null ? "" : n.township()).orElseThrow(() ->
                    ApiException.badRequest("unknown_township", "a township reviewer account needs an existing "
                            + "township code", "township"));
            scopes.requireTownship(actor, t);
            townshipId = t.id();
        }
        Account a = accounts.save(new Account(null, n.username(), hasher.hash(n.password()), n.role(),
                actor.countyId(), townshipId, villageId, true, clock.instant()));
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
