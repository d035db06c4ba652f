package org.yangguang.distribution.registry;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import org.yangguang.distribution.api.ApiException;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface VillageRepository extends CrudRepository<Village, Long> {
    Optional<Village> findByCode(String code);

    /** The village, or the API's 404 on field {@code village}. */
    default Village requireByCode(String code) {
        return findByCode(code).orElseThrow(() -> ApiException.notFound("unknown_village",
                "no village with code '" + code + "'", "village"));
    }

    List<Village> findByTownshipIdOrderById(Long townshipId);

    List<Village> findByIdInOrderById(Collection<Long> ids);
}
