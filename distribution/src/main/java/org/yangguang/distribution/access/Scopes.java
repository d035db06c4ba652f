package org.yangguang.distribution.access;

import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.registry.Township;
import org.yangguang.distribution.registry.TownshipRepository;
import org.yangguang.distribution.registry.Village;

import java.util.Arrays;

/**
 * Role and scope checks every service applies before it reads or changes anything: a village committee
 * member reaches only their village, a township reviewer only the township's villages, everyone else only
 * their county. Refusals are 403 with code {@code forbidden}, saying which rule refused.
 */
@Singleton
public class Scopes {
    private final TownshipRepository townships;

    public Scopes(TownshipRepository townships) {
        this.townships = townships;
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
        Township township = townships.findById(village.townshipId()).orElseThrow();
        switch (actor.role()) {
            case VILLAGE_COMMITTEE -> {
                if (actor.villageId() == null || actor.villageId() != village.id().longValue()) {
                    throw forbidden(actor.username() + " is scoped to another village than " + village.code());
                }
            }
            case TOWNSHIP_REVIEWER -> {
                if (actor.townshipId() == null || actor.townshipId() != township.id().longValue()) {
                    throw forbidden(actor.username() + " is scoped to another township than that of " + village.code());
                }
            }
            default -> requireCounty(actor, township.countyId());
        }
    }

    public void requireTownship(Actor actor, Township township) {
        if (actor.role() == Role.VILLAGE_COMMITTEE) {
            throw forbidden("a village committee member cannot act on a whole township");
        }
        if (actor.role() == Role.TOWNSHIP_REVIEWER
                && (actor.townshipId() == null || actor.townshipId() != township.id().longValue())) {
            throw forbidden(actor.username() + " is scoped to another township than " + township.code());
        }
        requireCounty(actor, township.countyId());
    }

    public void requireCounty(Actor actor, long countyId) {
        if (actor.countyId() != countyId) {
            throw forbidden(actor.username() + " is scoped to another county");
        }
    }
}
