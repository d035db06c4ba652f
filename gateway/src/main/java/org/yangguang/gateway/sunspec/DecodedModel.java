package org.yangguang.gateway.sunspec;

import java.util.List;
import java.util.Map;

/**
 * One model instance as read from a device: implemented points by SunSpec name (sentinels left out) and,
 * for models with a repeating group (160), one map per repetition. {@code problems} lists points that were
 * present but could not be decoded (e.g. a value whose scale factor is itself "not implemented").
 */
public record DecodedModel(int modelId, Map<String, SunSpecValue> points, List<Map<String, SunSpecValue>> repeats,
                           List<String> problems) {
}
