package org.yangguang.distribution.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A device of a station: {@code code} is its telemetry id ({@code inv-01}); nameplate ({@code make}, {@code model},
 * {@code serial}, {@code firmware}) as it reported itself; its position on the link: Modbus TCP ({@code linkHost},
 * {@code linkPort}) or RTU on {@code serialPort} with its line settings, and {@code unitId}; read by SunSpec
 * discovery ({@code registerMap} null) or by the named vendor register map.
 */
@Serdeable
@MappedEntity("device")
public record Device(@Id @GeneratedValue @Nullable Long id,
                     Long stationId,
                     String code,
                     String kind,
                     DeviceState state,
                     @Nullable BigDecimal capacityKwp,
                     @Nullable String make,
                     @Nullable String model,
                     @Nullable String serial,
                     @Nullable String firmware,
                     @Nullable String gatewayCode,
                     @Nullable String linkHost,
                     @Nullable Integer linkPort,
                     @Nullable String serialPort,
                     @Nullable Integer baud,
                     @Nullable String parity,
                     @Nullable Integer stopBits,
                     int unitId,
                     @Nullable String registerMap,
                     String reportedBy,
                     Instant reportedAt,
                     @Nullable String confirmedBy,
                     @Nullable Instant confirmedAt) {

    Device confirmed(String actor, Instant at, @Nullable BigDecimal kwp, @Nullable String newCode) {
        return new Device(id, stationId, newCode == null ? code : newCode, kind, DeviceState.ACTIVE,
                kwp == null ? capacityKwp : kwp, make, model, serial, firmware, gatewayCode, linkHost, linkPort,
                serialPort, baud, parity, stopBits, unitId, registerMap, reportedBy, reportedAt, actor, at);
    }

    Device withState(DeviceState s) {
        return new Device(id, stationId, code, kind, s, capacityKwp, make, model, serial, firmware, gatewayCode,
                linkHost, linkPort, serialPort, baud, parity, stopBits, unitId, registerMap, reportedBy, reportedAt,
                confirmedBy, confirmedAt);
    }

    /** Same physical place on the station's links: same link and unit id. */
    boolean samePlace(Device o) {
        return unitId == o.unitId && java.util.Objects.equals(linkHost, o.linkHost)
                && java.util.Objects.equals(linkPort, o.linkPort) && java.util.Objects.equals(serialPort, o.serialPort);
    }
}
