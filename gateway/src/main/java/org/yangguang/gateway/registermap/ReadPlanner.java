package org.yangguang.gateway.registermap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Coalesces register points into as few requests as the device allows: points of one function code whose
 * distance is at most {@code maxGap} unused registers share a request of at most {@code maxRegisters}; a
 * multi-register value is never split across requests (ThingsBoard's connector sends one request per tag;
 * Telegraf's "max_insert" optimizer is the model here).
 */
public final class ReadPlanner {
    /** One read request and the points it serves. */
    public record Request(int functionCode, int address, int count, List<MapPoint> points) {
        public int end() {
            return address + count;
        }
    }

    private ReadPlanner() {
    }

    public static List<Request> plan(List<MapPoint> points, int maxRegisters, int maxGap) {
        List<MapPoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingInt(MapPoint::functionCode).thenComparingInt(MapPoint::address)
                .thenComparingInt(MapPoint::end));
        List<Request> out = new ArrayList<>();
        int fc = -1;
        int start = 0;
        int end = 0;
        List<MapPoint> members = new ArrayList<>();
        for (MapPoint p : sorted) {
            if (p.size() > maxRegisters) {
                throw new IllegalArgumentException(p.name() + " spans " + p.size() + " registers, more than one request ("
                        + maxRegisters + ") can read");
            }
            boolean joins = !members.isEmpty() && p.functionCode() == fc && p.address() - end <= maxGap
                    && Math.max(end, p.end()) - start <= maxRegisters;
            if (!joins) {
                if (!members.isEmpty()) {
                    out.add(new Request(fc, start, end - start, List.copyOf(members)));
                }
                members.clear();
                fc = p.functionCode();
                start = p.address();
                end = p.end();
            } else {
                end = Math.max(end, p.end());
            }
            members.add(p);
        }
        if (!members.isEmpty()) {
            out.add(new Request(fc, start, end - start, List.copyOf(members)));
        }
        return out;
    }
}
