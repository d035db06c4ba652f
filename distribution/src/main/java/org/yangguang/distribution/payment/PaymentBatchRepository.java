package org.yangguang.distribution.payment;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface PaymentBatchRepository extends CrudRepository<PaymentBatch, Long> {
    @Query("SELECT * FROM payment_batch WHERE id = :id FOR UPDATE")
    Optional<PaymentBatch> lockById(Long id);
}
