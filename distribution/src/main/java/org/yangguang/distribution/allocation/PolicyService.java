package org.yangguang.distribution.allocation;

import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Audit;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.access.Scopes;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.registry.County;
import org.yangguang.distribution.registry.Registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

/**
 * Allocation policies, the allocation package's facade: configuration per county, scope (villages or the county pool)
 * and year, versioned. A new version never changes an old one; a plan records the policy version it was computed
 * under, and its approval checks it again under the latest version. A policy is validated when stored (bounds
 * 0 ≤ min ≤ max ≤ 100, Σ minimums ≤ 100, unique codes, forbidden codes not also allowed, every category that pays
 * households names the statuses it is for, and a county-pool policy pays no post wages: posts are a village's).
 */
@Singleton
public class PolicyService {
    private final StoredPolicyRepository policies;
    private final Registry counties;
    private final JsonMapper json;
    private final Scopes scopes;
    private final Audit audit;
    private final Clock clock;

    public PolicyService(StoredPolicyRepository policies, Registry counties, JsonMapper json, Scopes scopes,
                         Audit audit, Clock clock) {
        this.policies = policies;
        this.counties = counties;
        this.json = json;
        this.scopes = scopes;
        this.audit = audit;
        this.clock = clock;
    }

    /** Stores the policy as the next version for its county and year (the version in the body is replaced). */
    @Transactional
    public Policy store(Actor actor, Policy p, String reason) {
        scopes.requireRole(actor, Role.ADMIN);
        String why = Audit.requireReason(reason);
        County county = counties.county(p.county() == null ? "" : p.county()).orElseThrow(() ->
                ApiException.badRequest("unknown_county", "no county '" + p.county() + "'", "county"));
        scopes.requireCounty(actor, county.id());
        validate(p);
        int version = policies.findByCountyIdAndScopeAndPolicyYearOrderByVersionDesc(county.id(), p.scope(), p.year())
                .stream().findFirst().map(s -> s.version() + 1).orElse(1);
        Policy stored = new Policy(p.county(), p.year(), version, p.source(), p.categories(), p.groupMinimums(),
                p.forbidden(), p.flatPerHeadRule(), p.scope());
        try {
            policies.save(new StoredPolicy(null, county.id(), p.year(), version, json.writeValueAsString(stored),
                    actor.username(), clock.instant(), p.scope()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.record(actor, "policy.store", "policy", p.county() + "/" + p.scope() + "/" + p.year() + "/v" + version,
                why, p.categories().size() + " categories; " + p.source());
        return stored;
    }

    /** The latest village policy for a county and year, with its row id. */
    @Transactional
    public Versioned latest(long countyId, int year) {
        return latest(countyId, Policy.Scope.VILLAGE, year);
    }

    /** The latest version for a county, scope and year, with its row id. */
    @Transactional
    public Versioned latest(long countyId, Policy.Scope scope, int year) {
        StoredPolicy s = policies.findByCountyIdAndScopeAndPolicyYearOrderByVersionDesc(countyId, scope, year).stream()
                .findFirst().orElseThrow(() -> ApiException.conflict("no_policy", "no " + (scope == Policy.Scope.VILLAGE
                        ? "village" : "county-pool") + " allocation policy for " + year + " in this county; an admin "
                        + "stores one with POST /api/policies", "period"));
        return new Versioned(s.id(), parse(s.body()));
    }

    @Transactional
    public Policy byId(long id) {
        return parse(policies.findById(id).orElseThrow().body());
    }

    public record Versioned(long id, Policy policy) {
    }

    public Policy parse(String body) {
        try {
            return json.readValue(body, Policy.class);
        } catch (IOException e) {
            throw ApiException.badRequest("bad_policy", "policy JSON does not parse: " + e.getMessage(), "policy");
        }
    }

    public Policy bundled(String resource) {
        try (InputStream in = PolicyService.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void validate(Policy p) {
        if (p.categories() == null || p.categories().isEmpty()) {
            throw ApiException.badRequest("bad_policy", "a policy needs categories", "categories");
        }
        Set<String> codes = new HashSet<>();
        BigDecimal minimums = BigDecimal.ZERO;
        for (int i = 0; i < p.categories().size(); i++) {
            Policy.Category c = p.categories().get(i);
            String f = "categories[" + i + "]";
            if (c.code() == null || !codes.add(c.code())) {
                throw ApiException.badRequest("bad_policy", "category codes must be present and unique", f + ".code");
            }
            if (c.basis() == null || c.labour() == null || c.minPercent() == null || c.maxPercent() == null
                    || c.minPercent().signum() < 0 || c.minPercent().compareTo(c.maxPercent()) > 0
                    || c.maxPercent().compareTo(BigDecimal.valueOf(100)) > 0) {
                throw ApiException.badRequest("bad_policy", "category " + c.code() + " needs basis, labour and "
                        + "0 <= minPercent <= maxPercent <= 100", f);
            }
            if ((c.basis() == Basis.WEIGHTED || c.basis() == Basis.POST_WAGE)
                    && (c.eligibleStatuses() == null || c.eligibleStatuses().isEmpty())) {
                throw ApiException.badRequest("bad_policy", "category " + c.code() + " pays households: list the "
                        + "household statuses it is for (eligibleStatuses)", f + ".eligibleStatuses");
            }
            if (p.scope() == Policy.Scope.COUNTY_POOL && c.basis() == Basis.POST_WAGE) {
                throw ApiException.badRequest("bad_policy", "the county pool pays no post wages (posts are a "
                        + "village's, paid from its own plan); " + c.code() + " cannot be POST_WAGE here", f + ".basis");
            }
            minimums = minimums.add(c.minPercent());
        }
        if (minimums.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw ApiException.badRequest("bad_policy", "category minimums add up to more than 100 %", "categories");
        }
        for (Policy.Forbidden fb : p.forbidden()) {
            if (codes.contains(fb.code())) {
                throw ApiException.badRequest("bad_policy", "category " + fb.code() + " is both allowed and forbidden",
                        "forbidden");
            }
        }
        for (Policy.GroupMinimum g : p.groupMinimums()) {
            if (!codes.containsAll(g.categories())) {
                throw ApiException.badRequest("bad_policy", "group minimum names unknown categories "
                        + g.categories(), "groupMinimums");
            }
        }
    }
}
