package org.yangguang.collector.device;

/**
 * An inverter swap: from {@code ts} on, the device's readings come from another physical unit (another serial
 * number) than before. The old unit's counter's last reading closes one stretch of energy, the new one's first
 * reading opens the next (contract {@code EnergyCounter}).
 *
 * @param ts the poll time at which the gateway first read the new unit's nameplate (epoch ms)
 */
public record Swap(String station, String device, long ts, String oldSerial, String newSerial, String oldModel,
                   String newModel, String gateway) {
}
