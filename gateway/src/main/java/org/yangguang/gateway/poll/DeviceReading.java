package org.yangguang.gateway.poll;

import org.yangguang.contract.DeviceStatus;
import org.yangguang.contract.Nameplate;
import org.yangguang.contract.PointValue;

import java.util.Map;

/**
 * What one read of one device produced, before it gets station, time and sequence number.
 *
 * @param model     model id for the payload ("sunspec:103", "huawei-sun2000")
 * @param error     operator-readable cause when status is not ok
 * @param nameplate what the device said about itself when this good poll identified it (first poll, after a
 *                  failure, once a day); null on the polls in between and on failed polls
 */
public record DeviceReading(DeviceStatus status, String model, String error, Map<String, PointValue> points,
                            Nameplate nameplate) {
    public static DeviceReading ok(String model, Map<String, PointValue> points) {
        return new DeviceReading(DeviceStatus.OK, model, null, points, null);
    }

    public static DeviceReading failed(DeviceStatus status, String model, String error) {
        return new DeviceReading(status, model, error, Map.of(), null);
    }

    public DeviceReading withNameplate(Nameplate identified) {
        return new DeviceReading(status, model, error, points, identified);
    }
}
