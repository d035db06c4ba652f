package org.yangguang.distribution.access;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.distribution.registry.County;
import org.yangguang.distribution.registry.Registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Service accounts from configuration ({@link ServiceAccountConfig}), made or updated at start-up so a deployment
 * provisions them with files, as it does its other secrets. A misconfigured one stops the start with what is wrong:
 * a collector that cannot log in would otherwise run from a stale cache without anyone noticing.
 */
@Singleton
public class ServiceAccounts {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceAccounts.class);

    private final ServiceAccountRepository accounts;
    private final List<ServiceAccountConfig> configs;
    private final PasswordHasher hasher;
    private final Registry registry;
    private final Clock clock;

    public ServiceAccounts(ServiceAccountRepository accounts, List<ServiceAccountConfig> configs, PasswordHasher hasher,
                           Registry registry, Clock clock) {
        this.accounts = accounts;
        this.configs = configs;
        this.hasher = hasher;
        this.registry = registry;
        this.clock = clock;
    }

    @EventListener
    @Transactional
    public void onStartup(StartupEvent event) {
        for (ServiceAccountConfig c : configs) {
            provision(c);
        }
    }

    void provision(ServiceAccountConfig c) {
        String where = "yangguang.service-accounts." + c.name();
        if (!c.name().matches("[a-z0-9][a-z0-9._-]{2,63}")) {
            throw new IllegalStateException(where + ": the name must be 3-64 of a-z 0-9 . _ -");
        }
        Role role;
        try {
            role = Role.valueOf(String.valueOf(c.getRole()));
        } catch (IllegalArgumentException e) {
            role = null;
        }
        if (role == null || !role.isService()) {
            throw new IllegalStateException(where + ".role must be COLLECTOR or INSTALLER, was " + c.getRole());
        }
        County county = registry.county(String.valueOf(c.getCounty())).orElse(null);
        if (county == null) {
            // the registry may be seeded later (first start of a new county): say so and leave the account out
            LOG.warn("{}.county '{}' does not exist (yet); service account {} not provisioned", where, c.getCounty(),
                    c.name());
            return;
        }
        String secret = secret(c, where);
        PasswordHasher.requireStrong(secret);
        Optional<ServiceAccount> existing = accounts.findByUsername(c.name());
        if (existing.isPresent() && hasher.matches(secret, existing.get().passwordHash())
                && existing.get().role() == role && existing.get().countyId().equals(county.id())) {
            return;
        }
        ServiceAccount a = new ServiceAccount(existing.map(ServiceAccount::id).orElse(null), c.name(),
                hasher.hash(secret), role, county.id(), true, existing.map(ServiceAccount::createdAt)
                .orElse(clock.instant()));
        if (existing.isPresent()) {
            accounts.update(a);
        } else {
            accounts.save(a);
        }
        LOG.info("service account {} ({}) for county {} {}", c.name(), role, county.code(),
                existing.isPresent() ? "updated" : "created");
    }

    private static String secret(ServiceAccountConfig c, String where) {
        if (c.getSecretFile() != null && !c.getSecretFile().isBlank()) {
            try {
                return Files.readString(Path.of(c.getSecretFile())).strip();
            } catch (IOException e) {
                throw new IllegalStateException(where + ".secret-file " + c.getSecretFile() + " cannot be read: " + e, e);
            }
        }
        if (c.getSecret() == null || c.getSecret().isBlank()) {
            throw new IllegalStateException(where + " needs secret-file (or secret)");
        }
        return c.getSecret().strip();
    }

    /**
     * The service account of that name; one configured but not provisioned at start-up (its county was registered
     * after, e.g. by the first seeding of a new installation) is provisioned now.
     */
    @Transactional
    public Optional<ServiceAccount> find(String username) {
        Optional<ServiceAccount> a = accounts.findByUsername(username);
        if (a.isPresent()) {
            return a;
        }
        configs.stream().filter(c -> c.name().equals(username)).findFirst().ifPresent(this::provision);
        return accounts.findByUsername(username);
    }
}
