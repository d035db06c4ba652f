package org.yangguang.distribution.registry;

import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Who owns a station's revenue over the days {@code from}..{@code to} (inclusive): its villages' parts, the county
 * pool's parts (a centralized station's poverty share), and the rest (parties outside the registry), all of
 * {@code whole}. Villages are listed by id: the split's tie-break order.
 */
@Serdeable
public record Owners(LocalDate from, LocalDate to, long whole, List<Owner> villages, long poolParts) {

    @Serdeable
    public record Owner(long villageId, String code, String name, long parts) {
    }

    /** The parts in split order: villages, then the pool (when it holds any). */
    public List<Long> parts() {
        List<Long> p = new ArrayList<>();
        villages.forEach(v -> p.add(v.parts()));
        if (poolParts > 0) {
            p.add(poolParts);
        }
        return p;
    }

    public long days() {
        return to.toEpochDay() - from.toEpochDay() + 1;
    }
}
