package org.yangguang.distribution.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The registry as programs read it (GET /api/registry): a county's stations with position, capacity and tariff
 * batch, the gateways serving each, and its ACTIVE devices with nameplate and link position. The collector takes
 * its stations and devices from this; {@code gateway config} writes a station.yaml from one station of it.
 * The JSON shape is the contract {@code docs/registry-api.md} describes.
 */
@Serdeable
public record RegistryFeed(String county, List<FeedStation> stations) {

    @Serdeable
    public record FeedStation(String code, String name, StationKind kind, BigDecimal capacityKwp,
                              @Nullable BigDecimal latitude, @Nullable BigDecimal longitude, String tariffBatch,
                              LocalDate gridDate, List<FeedGateway> gateways, List<FeedDevice> devices) {
    }

    @Serdeable
    public record FeedGateway(String code, String brokerUser) {
    }

    @Serdeable
    public record FeedDevice(String code, String kind, DeviceState state, @Nullable BigDecimal capacityKwp,
                             @Nullable String make, @Nullable String model, @Nullable String serial,
                             @Nullable String firmware, @Nullable String gateway, DeviceLink link, int unit,
                             @Nullable String registerMap) {
        static FeedDevice of(Device d) {
            return new FeedDevice(d.code(), d.kind(), d.state(), d.capacityKwp(), d.make(), d.model(), d.serial(),
                    d.firmware(), d.gatewayCode(), new DeviceLink(d.linkHost(), d.linkPort(), d.serialPort(),
                    d.baud(), d.parity(), d.stopBits()), d.unitId(), d.registerMap());
        }
    }
}
