package org.yangguang.distribution.payment;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PaymentLineRepository extends CrudRepository<PaymentLine, Long> {
    List<PaymentLine> findByBatchIdOrderById(Long batchId);

    List<PaymentLine> findByHouseholdIdOrderById(Long householdId);
}
