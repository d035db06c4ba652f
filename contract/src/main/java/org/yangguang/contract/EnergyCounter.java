package org.yangguang.contract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * How a device's lifetime energy counter ({@code ac_energy}, and a meter's {@code import_energy} /
 * {@code export_energy}) becomes energy: the one rule the collector's rollups and distribution's settlement energy
 * both apply (docs/storage.md, "Energy from lifetime counters").
 *
 * <p>The energy of a stretch of readings is the sum of the counter's steps between consecutive readings:
 * <ul>
 *   <li>a step up counts in full;</li>
 *   <li>a step down within one unit is a reset (firmware, a counter that wrapped) and counts 0;</li>
 *   <li>a step across a swap counts 0 whichever way it goes: the gateway read another serial number at the swap
 *       time {@code s} ({@link DeviceNameplate#ts()}), readings before {@code s} come from the old unit and
 *       readings from {@code s} on from the new one, so the old counter's last value closes one unit and the new
 *       counter's first value opens the next. A replacement whose counter starts above the old one's is therefore
 *       not counted as production.</li>
 * </ul>
 * What a unit produced between the last reading before a reset or swap and the first one after it is not measured
 * and not counted: the conservative side for money.
 *
 * <p>Within one unit whose counter never went down, the steps telescope to {@code last - first}; {@link #telescopes}
 * says when a reader holding only the ends of a stretch (distribution's period ends, the collector's 5-minute
 * lasts) may use that, and otherwise it reads every reading of the stretch and calls {@link #sum}.
 */
public final class EnergyCounter {
    /** One counter reading: poll time (epoch ms) and value. */
    public record Reading(long ts, double value) {
    }

    /** A stretch of one unit: readings with {@code from <= ts < to}. */
    public record Unit(long from, long to) {
    }

    private static final EnergyCounter NO_SWAPS = new EnergyCounter(new long[0]);

    /** Swap times, ascending. */
    private final long[] swaps;

    private EnergyCounter(long[] swaps) {
        this.swaps = swaps;
    }

    /** The rule for a device without swaps: every reading from one unit. */
    public static EnergyCounter noSwaps() {
        return NO_SWAPS;
    }

    /** The rule for a device swapped at these times (epoch ms, any order). */
    public static EnergyCounter withSwaps(Collection<Long> swapTimes) {
        if (swapTimes.isEmpty()) {
            return NO_SWAPS;
        }
        long[] s = swapTimes.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(s);
        return new EnergyCounter(s);
    }

    /** Whether a swap happened at a time in {@code (a, b]}: readings at {@code a} and {@code b} then come from different units. */
    public boolean swapBetween(long a, long b) {
        for (long s : swaps) {
            if (s > a && s <= b) {
                return true;
            }
        }
        return false;
    }

    /** The energy of the step from {@code prev} to the next reading {@code next}. */
    public double step(Reading prev, Reading next) {
        if (swapBetween(prev.ts(), next.ts())) {
            return 0;
        }
        double d = next.value() - prev.value();
        return d > 0 ? d : 0;
    }

    /** The energy of a stretch: the steps between consecutive readings, which must be in time order. */
    public double sum(List<Reading> readings) {
        double total = 0;
        for (int i = 1; i < readings.size(); i++) {
            Reading prev = readings.get(i - 1);
            Reading next = readings.get(i);
            if (next.ts() < prev.ts()) {
                throw new IllegalArgumentException("readings out of order at " + prev.ts() + " > " + next.ts());
            }
            total += step(prev, next);
        }
        return total;
    }

    /**
     * Whether {@code last - first} is the energy of the stretch between them without summing what lies between:
     * one unit throughout and no step down anywhere in it. {@code wentDown} is what the caller knows of the
     * readings between (distribution asks InfluxDB for the stretch's smallest step; the collector's 5-minute lasts
     * see a step down when a bucket's last is below the one before).
     */
    public boolean telescopes(Reading first, Reading last, boolean wentDown) {
        return !wentDown && !swapBetween(first.ts(), last.ts()) && last.value() >= first.value();
    }

    /**
     * {@code [from, to]} cut at the swaps into the stretches of one unit each, in order. The last ends after
     * {@code to} so that a reading at {@code to} belongs to it.
     */
    public List<Unit> units(long from, long to) {
        List<Unit> out = new ArrayList<>();
        long start = from;
        for (long s : swaps) {
            if (s > from && s <= to) {
                out.add(new Unit(start, s));
                start = s;
            }
        }
        out.add(new Unit(start, to + 1));
        return out;
    }
}
