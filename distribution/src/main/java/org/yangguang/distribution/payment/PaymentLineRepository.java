package org.yangguang.distribution.payment;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface PaymentLineRepository extends CrudRepository<PaymentLine, Long> {
    List<PaymentLine> findByBatchIdOrderById(Long batchId);

    List<PaymentLine> findByHouseholdIdOrderById(Long householdId);

    Optional<PaymentLine> findByResultTx(Long resultTx);

    @Query("SELECT * FROM payment_line WHERE id = :id FOR UPDATE")
    Optional<PaymentLine> lockById(Long id);
}
