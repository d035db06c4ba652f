package org.yangguang.collector.validation;

import org.yangguang.contract.CanonicalPoint;
import org.yangguang.contract.PointValue;
import org.yangguang.contract.Telemetry;
import org.yangguang.contract.Topics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The collector's policy checks on a message the codec accepted (the codec already checked structure, schema
 * version and units). Each rejection says what is wrong and what to look at.
 */
public final class Validator {
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:._/+-]{0,63}");

    private final Duration maxAge;
    private final Duration maxFuture;
    private final RegistrationPolicy policy;
    private final StationRegistry registry;

    public Validator(Duration maxAge, Duration maxFuture, RegistrationPolicy policy, StationRegistry registry) {
        this.maxAge = maxAge;
        this.maxFuture = maxFuture;
        this.policy = policy;
        this.registry = registry;
    }

    /**
     * Checks one reading that came on {@code topic}; {@code address} is the station and device the topic names
     * ({@link Topics#parseTelemetry}, parsed once for all the readings of a batch), null when it names none.
     */
    public Optional<Rejection> check(Topics.Address address, String topic, Telemetry t, long nowMs) {
        if (address == null || !address.station().equals(t.station()) || !address.device().equals(t.device())) {
            return reject("topic_mismatch", "payload is station '" + t.station() + "' device '" + t.device()
                    + "' but was published on '" + topic + "': the gateway's topic and payload must name the same device");
        }
        Optional<Rejection> gateway = checkGateway(t);
        if (gateway.isPresent()) {
            return gateway;
        }
        if (!Topics.isId(t.kind())) {
            return reject("bad_id", "kind '" + t.kind() + "' must match " + Topics.ID.pattern() + " (it is an InfluxDB tag)");
        }
        if (!MODEL.matcher(t.model()).matches()) {
            return reject("bad_id", "model '" + t.model() + "' must match " + MODEL.pattern() + " (it is an InfluxDB tag)");
        }
        if (t.ts() > nowMs + maxFuture.toMillis()) {
            return reject("clock_skew", "ts " + Instant.ofEpochMilli(t.ts()) + " is " + human(t.ts() - nowMs)
                    + " ahead of the collector's clock (limit " + human(maxFuture.toMillis())
                    + "): check NTP on gateway " + t.gateway());
        }
        if (t.ts() < nowMs - maxAge.toMillis()) {
            return reject("clock_skew", "ts " + Instant.ofEpochMilli(t.ts()) + " is " + human(nowMs - t.ts())
                    + " old, more than the " + human(maxAge.toMillis()) + " the collector accepts: a gateway clock "
                    + "reset to its epoch, or a buffer replayed too late, on gateway " + t.gateway());
        }
        for (Map.Entry<String, PointValue> e : t.points().entrySet()) {
            Optional<CanonicalPoint> c = CanonicalPoint.byName(e.getKey());
            if (c.isPresent() && !c.get().inRange(e.getValue().value())) {
                return reject("out_of_range", "points." + e.getKey() + ".value " + e.getValue().value() + " "
                        + c.get().unit() + " is outside the plausible " + c.get().min() + ".." + c.get().max()
                        + ": check the register map's scale factor for " + t.model());
            }
        }
        if (!registry.knows(t.station(), t.device())) {
            if (policy == RegistrationPolicy.STRICT) {
                return reject("unknown_device", "station '" + t.station() + "' device '" + t.device()
                        + "' is not in the registry: add it to the registry file or run with --registration auto");
            }
            registry.register(t.station(), t.device(), t.kind());
        }
        return Optional.empty();
    }

    /**
     * The reading's gateway must be one the registry lists for its station: a gateway's broker login may publish on
     * its own station's topics only (the broker's access rules), and this keeps it to its own gateway id there, so
     * receipts go to the gateway that sent the reading and a forged gateway id is refused, not stored.
     */
    private Optional<Rejection> checkGateway(Telemetry t) {
        List<StationRegistry.Gateway> declared = registry.gatewaysOf(t.station());
        if (declared.isEmpty()) {
            if (policy == RegistrationPolicy.STRICT) {
                return reject("unknown_gateway", "station '" + t.station() + "' has no gateway in the registry (reading "
                        + "from '" + t.gateway() + "'): add 'gateway " + t.gateway() + " station=" + t.station()
                        + "' to the registry file or run with --registration auto");
            }
            return Optional.empty();
        }
        for (StationRegistry.Gateway g : declared) {
            if (g.id().equals(t.gateway())) {
                return Optional.empty();
            }
        }
        return reject("gateway_mismatch", "reading for station '" + t.station() + "' says gateway '" + t.gateway()
                + "', but the registry lists " + declared.stream().map(StationRegistry.Gateway::id).toList()
                + " for it: a gateway publishes only with its own id (check 'gateway:' in its station.yaml and the registry)");
    }

    /**
     * Whether a rejection with this code still knows which gateway sent the reading: then the gateway is told in a
     * receipt that it is refused (and deletes it). Not for a reading whose topic, station or gateway does not check
     * out: a receipt on a forged gateway id would make the real gateway delete its own reading of that number.
     */
    public static boolean identifiesTheGateway(String code) {
        return !UNIDENTIFIED.contains(code);
    }

    private static final java.util.Set<String> UNIDENTIFIED = java.util.Set.of("topic_mismatch", "gateway_mismatch", "unknown_gateway");

    private static Optional<Rejection> reject(String code, String detail) {
        return Optional.of(new Rejection(code, detail));
    }

    static String human(long ms) {
        Duration d = Duration.ofMillis(ms);
        if (d.toDays() >= 2) {
            return d.toDays() + " days";
        }
        if (d.toHours() >= 2) {
            return d.toHours() + " h";
        }
        if (d.toMinutes() >= 2) {
            return d.toMinutes() + " min";
        }
        return d.toMillis() / 1000.0 + " s";
    }
}
