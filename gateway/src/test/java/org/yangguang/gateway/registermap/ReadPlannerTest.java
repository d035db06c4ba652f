package org.yangguang.gateway.registermap;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadPlannerTest {
    private static MapPoint p(String name, int fc, int address, ValueType type) {
        return new MapPoint(name, fc, address, type, type.registers(), true, true, BigDecimal.ONE, "", Map.of(), Map.of(),
                Set.of(), 1);
    }

    private static List<String> plan(List<MapPoint> points, int max, int gap) {
        return ReadPlanner.plan(points, max, gap).stream()
                .map(r -> "fc" + r.functionCode() + " " + r.address() + "+" + r.count()).toList();
    }

    @Test
    void joinsNeighboursAndFillsSmallGaps() {
        List<MapPoint> pts = List.of(p("a", 3, 100, ValueType.U16), p("b", 3, 101, ValueType.U32),
                p("c", 3, 110, ValueType.S16), p("d", 3, 130, ValueType.U16));
        assertThat(plan(pts, 125, 8)).containsExactly("fc3 100+11", "fc3 130+1");
        assertThat(plan(pts, 125, 19)).containsExactly("fc3 100+31");
        assertThat(plan(pts, 125, 0)).containsExactly("fc3 100+3", "fc3 110+1", "fc3 130+1");
    }

    @Test
    void neverSplitsAValueAcrossRequests() {
        // 62 + 2 registers = 64 fits; one more u32 would end at 66 > 64: it starts a new request, whole.
        List<MapPoint> pts = List.of(p("a", 3, 0, ValueType.U16), p("b", 3, 61, ValueType.U16),
                p("c", 3, 62, ValueType.U32), p("d", 3, 64, ValueType.U32), p("e", 3, 66, ValueType.U64));
        assertThat(plan(pts, 64, 64)).containsExactly("fc3 0+64", "fc3 64+6");
        assertThat(ReadPlanner.plan(pts, 64, 64).get(1).points()).extracting(MapPoint::name).containsExactly("d", "e");
    }

    @Test
    void keepsFunctionCodesApartAndSortsByAddress() {
        List<MapPoint> pts = List.of(p("x", 4, 5, ValueType.U16), p("a", 3, 10, ValueType.U16), p("y", 4, 0, ValueType.U32),
                p("b", 3, 0, ValueType.U16));
        assertThat(plan(pts, 125, 16)).containsExactly("fc3 0+11", "fc4 0+6");
    }

    @Test
    void overlappingPointsShareTheirRegisters() {
        List<MapPoint> pts = List.of(p("word", 3, 20, ValueType.U16), p("bits", 3, 20, ValueType.U16),
                p("dword", 3, 20, ValueType.U32));
        assertThat(plan(pts, 125, 0)).containsExactly("fc3 20+2");
    }

    @Test
    void respectsTheDefaultModbusLimitOf125() {
        List<MapPoint> pts = new java.util.ArrayList<>();
        for (int a = 0; a < 300; a += 2) {
            pts.add(p("p" + a, 3, a, ValueType.U32));
        }
        assertThat(plan(pts, 125, 16)).containsExactly("fc3 0+124", "fc3 124+124", "fc3 248+52");
    }

    @Test
    void aValueLongerThanOneRequestIsRejected() {
        assertThatThrownBy(() -> ReadPlanner.plan(List.of(p("big", 3, 0, ValueType.U64)), 2, 0))
                .hasMessageContaining("big spans 4 registers");
    }

    @Test
    void shippedMapsReadInTheFewestRequestsTheirLimitsAllow() {
        assertThat(plan(RegisterMapLoader.loadShipped("huawei-sun2000").points(), 64, 16))
                .containsExactly("fc3 30071+4", "fc3 32000+24", "fc3 32064+52");
        RegisterMap sungrow = RegisterMapLoader.loadShipped("sungrow-sg");
        assertThat(plan(sungrow.points(), 125, 16)).containsExactly("fc4 5000+45");
        // an identified SG110CX also reads its voltages, MPPT 4..9 and the finer energy and frequency: one more request
        MapIdentity sg110cx = new MapIdentity(org.yangguang.contract.Nameplate.of(java.util.Map.of("model", "SG110CX",
                "output_type", "3P4L")), java.util.Map.of("model", 0x2C06L, "output_type", 1L));
        assertThat(plan(sungrow.points(sg110cx), 125, 16)).containsExactly("fc4 5000+45", "fc4 5114+34");
        assertThat(plan(RegisterMapLoader.loadShipped("eastron-sdm630").points(), 80, 16))
                .containsExactly("fc4 0+18", "fc4 48+28", "fc4 200+6");
        // identification: the identity blocks in as few requests as the limits allow
        assertThat(plan(RegisterMapLoader.loadShipped("huawei-sun2000").nameplatePoints(), 64, 16))
                .containsExactly("fc3 30000+50", "fc3 30050+21");
        assertThat(plan(sungrow.nameplatePoints(), 125, 16)).containsExactly("fc4 4989+13");
        assertThat(plan(RegisterMapLoader.loadShipped("eastron-sdm630").nameplatePoints(), 80, 16))
                .containsExactly("fc3 64512+2");
    }
}
