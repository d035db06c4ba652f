package org.yangguang.distribution.payment;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface PaymentClaimRepository extends CrudRepository<PaymentClaim, Long> {
    Optional<PaymentClaim> findByClaimKey(String claimKey);

    void deleteByPaymentLineId(Long paymentLineId);
}
