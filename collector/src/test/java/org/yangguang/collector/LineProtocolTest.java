package org.yangguang.collector;

import org.junit.jupiter.api.Test;
import org.yangguang.collector.storage.LineProtocol;
import org.yangguang.collector.storage.Sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LineProtocolTest {
    @Test
    void numbersAreExactFloatsAndStringsAreEscaped() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ac_energy", 123456789.0);
        fields.put("ac_frequency", 50.01);
        fields.put("tiny", 1.5e-7);
        fields.put("huge", 2.5e20);
        fields.put("error", "said \"no\" \\ twice\nthen stopped");
        String line = LineProtocol.encode(List.of(new Sample("device_status",
                Map.of("station", "s1", "device", "inv 1", "kind", "a=b,c"), fields, 1782014400000L)));
        assertThat(line).isEqualTo("device_status,device=inv\\ 1,kind=a\\=b\\,c,station=s1 "
                + "ac_energy=123456789,ac_frequency=50.01,tiny=0.00000015,huge=250000000000000000000,"
                + "error=\"said \\\"no\\\" \\\\ twice then stopped\" 1782014400000\n");
    }
}
