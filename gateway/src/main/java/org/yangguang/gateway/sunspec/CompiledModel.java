package org.yangguang.gateway.sunspec;

import org.yangguang.contract.PointMap;
import org.yangguang.contract.PointValue;
import org.yangguang.gateway.poll.DecodeFailure;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The contract points of one discovered model block, worked out once per discovery instead of per poll:
 * which register each published point sits at, its type, where its scale factor is, and its contract name
 * and unit. A poll then goes straight from registers to {@link PointValue}s.
 *
 * <p>It yields exactly what {@link ModelDecoder#decode} followed by {@link CanonicalMapping#addPoints} yields
 * (same points, order, values and problems; {@code CompiledModelTest} compares the two on random register
 * images). That general path stays for {@code gateway read} and the golden tests; this one is the poll's,
 * where the interpretation (maps of every model point, BigDecimal per value) was a third of the gateway's
 * CPU per reading (docs/performance.md).
 */
public final class CompiledModel {
    /** Exact powers of ten as doubles (10^22 is the largest that is exact). */
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
            1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    private static final int MAX_SF = 10;
    private static final int NO_SF = Integer.MIN_VALUE;

    private final ModelDef def;
    private final ModelBlock block;
    /** Published points in output order (the mapping table's order, repetition by repetition). */
    private final Slot[] slots;

    /**
     * @param at        register of the value in the block
     * @param sfAt      register of its scale factor, or -1 for a literal ({@code sfLiteral}) or none
     * @param sfLiteral the literal scale factor, or NO_SF
     * @param sfName    the scale factor's name as the definition gives it (for problems), or null
     */
    private record Slot(String name, String unit, int pow10, PointDef point, int at, int sfAt, int sfLiteral,
                        String sfName, String problemName) {
    }

    private CompiledModel(ModelDef def, ModelBlock block, Slot[] slots) {
        this.def = def;
        this.block = block;
        this.slots = slots;
    }

    /** Compiles the published points of {@code block} (its length fixes how many repetitions a model 160 has). */
    public static CompiledModel of(ModelDef def, ModelBlock block) {
        int regs = block.totalRegisters();
        Map<String, CanonicalMapping.Target> table = CanonicalMapping.table(def.id());
        List<Slot> out = new ArrayList<>();
        if (table != null) {
            addSlots(def, def.fixed(), table, 0, regs, "", "", out);
        }
        if (CanonicalMapping.MPPT_MODELS.contains(def.id()) && def.repeatSize() > 0) {
            int n = (regs - def.fixedSize()) / def.repeatSize();
            for (int i = 0; i < n; i++) {
                addSlots(def, def.repeating(), CanonicalMapping.mpptTable(), def.fixedSize() + i * def.repeatSize(), regs,
                        "mppt" + (i + 1) + "_", def.repeatingName() + "[" + (i + 1) + "].", out);
            }
        }
        return new CompiledModel(def, block, out.toArray(new Slot[0]));
    }

    private static void addSlots(ModelDef def, List<PointDef> points, Map<String, CanonicalMapping.Target> table,
                                 int base, int regs, String prefix, String problemPrefix, List<Slot> out) {
        for (Map.Entry<String, CanonicalMapping.Target> e : table.entrySet()) {
            PointDef p = points.stream().filter(x -> x.name().equals(e.getKey())).findFirst().orElse(null);
            if (p == null || !p.type().isNumeric() || p.type() == PointType.SUNSSF || p.type() == PointType.PAD
                    || base + p.offset() + p.size() > regs) {
                continue; // the general path never yields a number for these
            }
            int sfAt = -1;
            int literal = NO_SF;
            if (p.sf() != null) {
                char c = p.sf().charAt(0);
                if (c == '-' || Character.isDigit(c)) {
                    literal = Integer.parseInt(p.sf());
                } else {
                    PointDef sf = def.fixed().stream()
                            .filter(x -> x.type() == PointType.SUNSSF && x.name().equals(p.sf()) && x.offset() < regs)
                            .findFirst().orElse(null);
                    sfAt = sf == null ? Integer.MAX_VALUE : sf.offset(); // MAX_VALUE: named but absent
                }
            }
            CanonicalMapping.Target t = e.getValue();
            out.add(new Slot((prefix + t.name()).intern(), t.unit(), t.pow10(), p, base + p.offset(), sfAt, literal,
                    p.sf(), problemPrefix + p.name()));
        }
    }

    public ModelDef def() {
        return def;
    }

    public ModelBlock block() {
        return block;
    }

    /**
     * Adds this model's points from {@code regs} (the whole block) to {@code out}, keeping names already there,
     * and the points it could not decode to {@code problems}.
     *
     * @throws DecodeFailure when the block's ID register names another model (device replaced or remapped)
     */
    public void addPoints(int[] regs, PointMap.Builder out, List<String> problems) throws DecodeFailure {
        int id = regs.length > 0 ? regs[0] : 0xFFFF;
        if (id != 0xFFFF && id != block.id()) {
            throw new DecodeFailure("model " + block.id() + " at " + block.address() + " now reads as model " + id
                    + "; rediscovering");
        }
        List<Slot> undecodable = null;
        for (Slot s : slots) {
            if (!present(s, regs)) {
                continue;
            }
            int sf = scale(s, regs);
            if (sf == NO_SF) {
                if (undecodable == null) {
                    undecodable = new ArrayList<>(2);
                }
                undecodable.add(s);
            } else if (!out.containsKey(s.name())) {
                PointValue v = fast(s, regs, sf);
                out.put(s.name(), v != null ? v : general(s, regs, sf));
            }
        }
        if (undecodable != null) {
            // reported in register order, as the general decoder walks the model
            undecodable.sort(Comparator.comparingInt(Slot::at));
            for (Slot s : undecodable) {
                int sf = sfValue(s, regs);
                problems.add(s.problemName() + ": scale factor " + s.sfName()
                        + (sf == NO_SF ? " is not implemented" : " is out of range (" + sf + ")"));
            }
        }
    }

    /** The value is implemented (not its type's sentinel). */
    private static boolean present(Slot s, int[] regs) {
        return ModelDecoder.implemented(s.point().type(), regs, s.at());
    }

    /** The usable scale factor (0 when the point has none), or NO_SF when it is absent or out of range. */
    private static int scale(Slot s, int[] regs) {
        if (s.sfAt() == -1 && s.sfLiteral() == NO_SF) {
            return 0;
        }
        int sf = sfValue(s, regs);
        return sf == NO_SF || Math.abs(sf) > MAX_SF ? NO_SF : sf;
    }

    /** The scale factor as the device gives it, or NO_SF when it is not implemented. */
    private static int sfValue(Slot s, int[] regs) {
        if (s.sfLiteral() != NO_SF) {
            return s.sfLiteral();
        }
        if (s.sfAt() == Integer.MAX_VALUE) {
            return NO_SF;
        }
        int v = regs[s.sfAt()];
        return v == 0x8000 ? NO_SF : (short) v;
    }

    /**
     * Integer types up to 32 bits: the raw value is exact as a double and one multiplication or division by an
     * exact power of ten rounds once, so this equals BigDecimal's correctly rounded doubleValue(). Null for
     * the types and symbol cases that take the general path.
     */
    private static PointValue fast(Slot s, int[] regs, int sf) {
        PointDef p = s.point();
        long raw;
        switch (p.type()) {
            case INT16 -> raw = (short) regs[s.at()];
            case UINT16, COUNT, ENUM16, BITFIELD16, ACC16 -> raw = regs[s.at()];
            case INT32 -> raw = (regs[s.at()] << 16) | regs[s.at() + 1];
            case UINT32, ENUM32, BITFIELD32, ACC32 -> raw = ((long) regs[s.at()] << 16) | regs[s.at() + 1];
            default -> {
                return null;
            }
        }
        String text = null;
        if (!p.symbols().isEmpty()) {
            if (sf != 0) {
                return null;
            }
            text = ModelDecoder.text(p, raw);
        }
        int e = sf + s.pow10();
        double v = e == 0 ? raw : e > 0 ? raw * POW10[e] : raw / POW10[-e];
        return new PointValue(v, s.unit(), text);
    }

    private static PointValue general(Slot s, int[] regs, int sf) {
        BigDecimal n = ModelDecoder.raw(s.point().type(), regs, s.at()).scaleByPowerOfTen(sf);
        return new PointValue(n.scaleByPowerOfTen(s.pow10()).doubleValue(), s.unit(),
                ModelDecoder.text(s.point(), n.longValue()));
    }
}
