package org.yangguang.distribution.settlement;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A station's statements and receipts, with arrears = expected − received per kind. */
@Serdeable
public record StationMoney(String station, long expectedBenchmarkFen, long receivedBenchmarkFen,
                           long benchmarkArrearsFen, long expectedSubsidyFen, long receivedSubsidyFen,
                           long subsidyArrearsFen, List<Statement> statements, List<Receipt> receipts) {
}
