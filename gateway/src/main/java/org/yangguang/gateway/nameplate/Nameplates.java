package org.yangguang.gateway.nameplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.contract.ContractViolation;
import org.yangguang.contract.DeviceNameplate;
import org.yangguang.contract.Nameplate;
import org.yangguang.contract.Topics;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The nameplate of every device this gateway identified and since when, and the device's retained message.
 *
 * <p>{@link DeviceNameplate#ts()} is when the gateway first read a nameplate: an inverter swap happens then, and
 * every reading from that time on is the new unit's. The times are kept in {@code nameplates.json} in the buffer
 * directory, so a gateway restarted during a 4G outage — with the new unit's readings still in its buffer — does
 * not move the swap to its restart and hand the old unit those readings. A nameplate read again unchanged keeps its
 * time and is not published again.
 */
public final class Nameplates {
    private static final Logger LOG = LoggerFactory.getLogger(Nameplates.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    public static final String FILE = "nameplates.json";

    private final Path file;
    private final String station;
    private final String gateway;
    private final Consumer<DeviceNameplate> publish;
    private final Map<String, DeviceNameplate> known = new LinkedHashMap<>();

    public Nameplates(Path dir, String station, String gateway, Consumer<DeviceNameplate> publish) {
        this.file = dir.resolve(FILE);
        this.station = station;
        this.gateway = gateway;
        this.publish = publish;
        load();
    }

    /**
     * A device was identified at poll time {@code ts}. Returns its message: the one known before when the
     * nameplate did not change (with the time it was first read), otherwise a new one, which is remembered on disk
     * and published.
     */
    public synchronized DeviceNameplate identified(String device, String kind, String model, Nameplate nameplate, long ts) {
        DeviceNameplate before = known.get(device);
        if (before != null && before.nameplate().equals(nameplate) && before.model().equals(model)
                && before.kind().equals(kind)) {
            return before;
        }
        DeviceNameplate now = DeviceNameplate.of(station, gateway, device, kind, model, ts, nameplate);
        known.put(device, now);
        if (nameplate.isSwapFrom(before == null ? null : before.nameplate())) {
            LOG.warn("device {} is another unit: serial {} until now, {} from {} (inverter swap)", device,
                    before.nameplate().serial(), nameplate.serial(), java.time.Instant.ofEpochMilli(ts));
        } else {
            LOG.info("device {} identified: {}", device, nameplate.fields());
        }
        save();
        publish.accept(now);
        return now;
    }

    /** Every device's message as known (for a connect, when they are published again). */
    public synchronized Map<String, DeviceNameplate> all() {
        return Map.copyOf(known);
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            // the times are a refinement: without them a swap found at start-up is dated at start-up
            LOG.warn("{} is unreadable ({}); devices are dated from their next identification", file, e.toString());
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                DeviceNameplate d = DeviceNameplate.decode(Topics.device(station, e.getKey()),
                        MAPPER.writeValueAsBytes(e.getValue()));
                // the same devices under another gateway id (station.yaml changed): the times still hold
                known.put(e.getKey(), DeviceNameplate.of(station, gateway, d.device(), d.kind(), d.model(), d.ts(),
                        d.nameplate()));
            } catch (ContractViolation | IOException | IllegalArgumentException ex) {
                LOG.warn("{}: entry {} skipped ({})", file, e.getKey(), ex.getMessage());
            }
        }
    }

    private void save() {
        try {
            ObjectNode root = MAPPER.createObjectNode();
            for (Map.Entry<String, DeviceNameplate> e : known.entrySet()) {
                // stored under this station's name; a station renamed in station.yaml re-dates its devices
                root.set(e.getKey(), MAPPER.readTree(e.getValue().encode()));
            }
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.write(tmp, MAPPER.writeValueAsBytes(root));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warn("cannot keep nameplates in {}: {}", file, e.toString());
        }
    }
}
