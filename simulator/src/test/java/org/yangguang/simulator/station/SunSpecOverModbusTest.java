package org.yangguang.simulator.station;

import org.yangguang.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.yangguang.simulator.TestTimes.JUNE_NOON;

import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yangguang.simulator.ModbusClient;
import org.yangguang.testkit.MutableClock;
import org.yangguang.simulator.config.SimulatorConfig;

/** A real j2mod master reads the SunSpec map over loopback TCP, the way a gateway does. */
class SunSpecOverModbusTest {


    private SimulatedStation station;

    @AfterEach
    void stop() {
        if (station != null) {
            station.close();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {40_000, 0, 50_000})
    void modelChainStartsWithSunSAndWalksCommonInverterEnd(int base) throws Exception {
        station = SimulatedStation.start(SimulatorConfig.defaults().withSunspecBase(base), new MutableClock(JUNE_NOON));
        try (ModbusClient client = new ModbusClient(station.port(), 2_000)) {
            for (int unit = 1; unit <= 3; unit++) {
                assertThat(client.read(unit, base, 2)).containsExactly(0x5375, 0x6E53);
                int address = base + 2;
                int[] common = client.read(unit, address, 2);
                assertThat(common).containsExactly(1, 66);
                int[] model1 = client.read(unit, address + 2, 66);
                assertThat(string(model1, 0, 16)).isEqualTo("Yangguang Sim");
                assertThat(string(model1, 16, 16)).isEqualTo("YG-SIM-50K");
                assertThat(string(model1, 32, 8)).isEmpty(); // Opt not implemented
                assertThat(string(model1, 40, 8)).isEqualTo("0.1.0");
                assertThat(string(model1, 48, 16)).isEqualTo(String.format("SIM-%04d", unit));
                assertThat(model1[64]).as("DA").isEqualTo(unit);
                assertThat(model1[65]).as("Pad").isEqualTo(0x8000);
                address += 2 + 66;
                assertThat(client.read(unit, address, 2)).containsExactly(103, 50);
                address += 2 + 50;
                assertThat(client.read(unit, address, 2)).containsExactly(0xFFFF, 0);
                assertThat(address).isEqualTo(base + 122);
            }
        }
    }

    @Test
    void wholeMapFitsOneRequestAndNothingLiesBeyondIt() throws Exception {
        station = SimulatedStation.start(SimulatorConfig.defaults(), new MutableClock(JUNE_NOON));
        try (ModbusClient client = new ModbusClient(station.port(), 2_000)) {
            assertThat(client.read(1, 40_000, 124)).containsExactly(station.inverter(1).registers());
            assertThatThrownBy(() -> client.read(1, 40_000, 125)).isInstanceOf(ModbusSlaveException.class)
                    .satisfies(e -> assertThat(((ModbusSlaveException) e).getType()).isEqualTo(2));
            assertThatThrownBy(() -> client.read(1, 0, 2)).isInstanceOf(ModbusSlaveException.class);
            assertThatThrownBy(() -> client.read(9, 40_000, 2)).as("unknown unit id").isInstanceOf(ModbusSlaveException.class);
            assertThatThrownBy(() -> client.master().writeSingleRegister(1, 40_072, new SimpleRegister(1)))
                    .as("registers are read-only").isInstanceOf(ModbusSlaveException.class)
                    .satisfies(e -> assertThat(((ModbusSlaveException) e).getType()).isEqualTo(2));
            assertThat(client.read(1, 40_000, 2)).containsExactly(0x5375, 0x6E53);
        }
    }

    @Test
    void model103DecodesWithItsScaleFactorsToExactlyTheServedValues() throws Exception {
        station = SimulatedStation.start(SimulatorConfig.defaults(), new MutableClock(JUNE_NOON));
        ServedValues served = station.inverter(2).served();
        int[] m;
        try (ModbusClient client = new ModbusClient(station.port(), 2_000)) {
            m = client.read(2, 40_070, 52);
        }
        assertThat(m[0]).isEqualTo(103);
        int aSf = s16(m[6]);
        int vSf = s16(m[13]);
        assertThat(decimal(m[2], aSf)).isEqualTo(served.acCurrentA());
        assertThat(decimal(m[3], aSf)).isEqualTo(served.currentPhaseA());
        assertThat(decimal(m[4], aSf)).isEqualTo(served.currentPhaseB());
        assertThat(decimal(m[5], aSf)).isEqualTo(served.currentPhaseC());
        assertThat(decimal(m[7], vSf)).isEqualTo(served.voltageAB());
        assertThat(decimal(m[8], vSf)).isEqualTo(served.voltageBC());
        assertThat(decimal(m[9], vSf)).isEqualTo(served.voltageCA());
        assertThat(decimal(m[10], vSf)).isEqualTo(served.voltageAN());
        assertThat(decimal(m[11], vSf)).isEqualTo(served.voltageBN());
        assertThat(decimal(m[12], vSf)).isEqualTo(served.voltageCN());
        assertThat(whole(s16(m[14]), s16(m[15]))).isEqualTo(served.acPowerW());
        assertThat(decimal(m[16], s16(m[17]))).isEqualTo(served.frequencyHz()).isEqualTo(50.0);
        assertThat(whole(s16(m[18]), s16(m[19]))).isEqualTo(served.apparentPowerVA());
        assertThat(whole(s16(m[20]), s16(m[21]))).isEqualTo(served.reactivePowerVar());
        assertThat(decimal(s16(m[22]), s16(m[23]))).isEqualTo(served.powerFactorPct()).isEqualTo(99.0);
        assertThat(whole((int) u32(m, 24), s16(m[26]))).isEqualTo(served.acEnergyWh());
        assertThat(decimal(m[27], s16(m[28]))).isEqualTo(served.dcCurrentA());
        assertThat(decimal(m[29], s16(m[30]))).isEqualTo(served.dcVoltageV());
        assertThat(whole(s16(m[31]), s16(m[32]))).isEqualTo(served.dcPowerW());
        int tmpSf = s16(m[37]);
        assertThat(decimal(s16(m[33]), tmpSf)).isEqualTo(served.cabinetTempC());
        assertThat(decimal(s16(m[34]), tmpSf)).isEqualTo(served.heatsinkTempC());
        assertThat(m[38]).isEqualTo(served.operatingState()).isEqualTo(4); // MPPT
        assertThat(u32(m, 40)).isEqualTo(served.events1()).isZero();
        assertThat(u32(m, 42)).as("Evt2").isZero();

        // the scale factors chosen for a 50 kW inverter (README)
        assertThat(new int[] {aSf, vSf, s16(m[15]), s16(m[17]), s16(m[19]), s16(m[21]), s16(m[23]), s16(m[26]),
                s16(m[28]), s16(m[30]), s16(m[32]), tmpSf}).containsExactly(-1, -1, 1, -2, 1, 1, -1, 0, -1, -1, 1, -1);
        // points the simulator does not implement hold SunSpec's "not implemented" values
        assertThat(m[35]).as("TmpTrns").isEqualTo(0x8000);
        assertThat(m[36]).as("TmpOt").isEqualTo(0x8000);
        assertThat(m[39]).as("StVnd").isEqualTo(0xFFFF);
        for (int k = 0; k < 4; k++) {
            assertThat(u32(m, 44 + 2 * k)).as("EvtVnd" + (k + 1)).isEqualTo(0xFFFF_FFFFL);
        }

        // the physics is consistent: clear June noon near the rating, VA = W / PF, DC = AC / 98 %
        assertThat(served.acPowerW()).isBetween(48_000L, 50_000L);
        assertThat(served.apparentPowerVA()).isEqualTo(Math.round(served.acPowerW() / 0.99 / 10) * 10);
        assertThat(served.dcPowerW()).isEqualTo(Math.round(served.acPowerW() / 0.98 / 10) * 10);
        assertThat(served.acCurrentA()).isCloseTo(served.apparentPowerVA() / 222.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(served.acEnergyWh()).isEqualTo(50_000L * 2_000);
    }

    static String string(int[] regs, int from, int count) {
        byte[] bytes = new byte[count * 2];
        for (int k = 0; k < count; k++) {
            bytes[2 * k] = (byte) (regs[from + k] >>> 8);
            bytes[2 * k + 1] = (byte) regs[from + k];
        }
        int len = 0;
        while (len < bytes.length && bytes[len] != 0) {
            len++;
        }
        return new String(bytes, 0, len, StandardCharsets.US_ASCII);
    }

    static int s16(int register) {
        return (short) register;
    }

    static long u32(int[] regs, int at) {
        return ((long) regs[at] << 16) | regs[at + 1];
    }

    static double decimal(int raw, int sf) {
        return BigDecimal.valueOf(raw).scaleByPowerOfTen(sf).doubleValue();
    }

    static long whole(int raw, int sf) {
        return BigDecimal.valueOf(raw).scaleByPowerOfTen(sf).longValueExact();
    }
}
