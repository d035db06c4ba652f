package org.yangguang.distribution.access;

import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.registry.Registry;
import org.yangguang.distribution.registry.Township;
import org.yangguang.distribution.registry.Village;

import java.util.Arrays;
import java.util.Optional;

/**
 * Role and scope checks every service applies before it reads or changes anything: a village committee
 * member reaches only their village, a township reviewer only the township's villages, everyone else only
 * their county. Refusals are 403 with code {@code forbidden}, saying which rule refused — and never naming what
 * was asked for when it belongs to someone else (a 403 must not tell a village which village owns a household).
 */
@Singleton
public class Scopes {
    private final Registry registry;

    public Scopes(Registry registry) {
        this.registry = registry;
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", message, null);
    }

    public void requireRole(Actor actor, Role... allowed) {
        if (!actor.is(allowed)) {
            throw forbidden("role " + actor.role() + " may not do this (allowed: " + Arrays.toString(allowed) + ")");
        }
    }

    public void requireVillage(Actor actor, Village village) {
        if (!mayReach(actor, village)) {
            throw forbidden(switch (actor.role()) {
                case VILLAGE_COMMITTEE -> actor.username() + " may act only on their own village's data";
                case TOWNSHIP_REVIEWER -> actor.username() + " may act only on the villages of their own township";
                default -> actor.username() + " may act only within their own county";
            });
        }
    }

    /** Whether the actor's scope covers the village (for lists that leave out what is not theirs). */
    public boolean mayReach(Actor actor, Village village) {
        Township township = registry.township(village.townshipId());
        return switch (actor.role()) {
            case VILLAGE_COMMITTEE -> actor.villageId() != null && actor.villageId() == village.id().longValue();
            case TOWNSHIP_REVIEWER -> actor.townshipId() != null && actor.townshipId() == township.id().longValue();
            default -> actor.countyId() == township.countyId();
        };
    }

    public void requireTownship(Actor actor, Township township) {
        if (actor.role() == Role.VILLAGE_COMMITTEE) {
            throw forbidden("a village committee member cannot act on a whole township");
        }
        if (actor.role() == Role.TOWNSHIP_REVIEWER
                && (actor.townshipId() == null || actor.townshipId() != township.id().longValue())) {
            throw forbidden(actor.username() + " may act only on their own township");
        }
        requireCounty(actor, township.countyId());
    }

    public void requireCounty(Actor actor, long countyId) {
        if (actor.countyId() != countyId) {
            throw forbidden(actor.username() + " may act only within their own county");
        }
    }

    /** The code of the actor's county (accounts of the books start with it). */
    public Optional<String> countyCodeOf(Actor actor) {
        try {
            return Optional.of(registry.county(actor.countyId()).code());
        } catch (java.util.NoSuchElementException e) {
            return Optional.empty();
        }
    }
}
