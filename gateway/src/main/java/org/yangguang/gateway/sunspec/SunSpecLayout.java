package org.yangguang.gateway.sunspec;

import java.util.List;
import java.util.Optional;

/** Where a device's SunSpec map starts and which models it holds, in chain order. */
public record SunSpecLayout(int base, List<ModelBlock> models) {
    public Optional<ModelBlock> model(int id) {
        return models.stream().filter(m -> m.id() == id).findFirst();
    }

    /** The inverter or meter model that names this device ("sunspec:103"), if any. */
    public Optional<ModelBlock> primary() {
        for (int id : CanonicalMapping.INVERTER_MODELS) {
            Optional<ModelBlock> m = model(id);
            if (m.isPresent()) {
                return m;
            }
        }
        for (int id : CanonicalMapping.METER_MODELS) {
            Optional<ModelBlock> m = model(id);
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }
}
