package org.yangguang.distribution.console;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Audit;
import org.yangguang.distribution.access.AuditEvent;
import org.yangguang.distribution.access.AuditRepository;

import java.util.List;
import java.util.Optional;

/**
 * An operator's acknowledgement of a collector alarm ("I have seen it, someone is on it"). Alarms live in the
 * collector; the acknowledgement is who/when/why, so it is an audit event ({@code entity=alarm}) rather than a
 * table of its own: append-only and readable with {@code GET /api/audit?entity=alarm&key=...}.
 * The key names one raising of an alarm: {@code station/device/type/raisedAtMillis}.
 */
@Singleton
public class AlarmAcknowledgements {
    static final String ENTITY = "alarm";

    private final Audit audit;
    private final AuditRepository events;

    public AlarmAcknowledgements(Audit audit, AuditRepository events) {
        this.audit = audit;
        this.events = events;
    }

    public static String key(String station, String device, String type, long raisedAtMillis) {
        return station + "/" + (device == null ? "-" : device) + "/" + type + "/" + raisedAtMillis;
    }

    @Transactional
    public AuditEvent acknowledge(Actor actor, String key, String reason) {
        Optional<AuditEvent> earlier = of(key);
        return earlier.orElseGet(() -> audit.record(actor, "acknowledge", ENTITY, key, reason, "alarm " + key));
    }

    /** The first acknowledgement of that alarm, if any. */
    @Transactional(readOnly = true)
    public Optional<AuditEvent> of(String key) {
        List<AuditEvent> found = events.findByEntityAndEntityKeyOrderById(ENTITY, key);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
}
