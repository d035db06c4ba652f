package org.yangguang.distribution.payment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

@MappedEntity("payment_claim")
public record PaymentClaim(@Id @GeneratedValue @Nullable Long id, String claimKey, Long paymentLineId) {
}
