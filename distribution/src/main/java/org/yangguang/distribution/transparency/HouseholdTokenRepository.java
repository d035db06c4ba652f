package org.yangguang.distribution.transparency;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface HouseholdTokenRepository extends CrudRepository<HouseholdToken, Long> {
    Optional<HouseholdToken> findByTokenId(String tokenId);

    List<HouseholdToken> findByHouseholdId(Long householdId);
}
