package org.yangguang.simulator.sunspec;

/**
 * Raw model 103 point values exactly as they go on the wire, with their scale factors. Values are the unsigned
 * 16-bit register contents (or 32-bit for WH and the event fields); a {@code *_SF} is a signed power of ten.
 * Points the simulator does not implement are not here: the image writes their sentinels.
 */
public record InverterRegisters(
        int a, int aphA, int aphB, int aphC, int aSf,
        int ppvphAB, int ppvphBC, int ppvphCA, int phvphA, int phvphB, int phvphC, int vSf,
        int w, int wSf,
        int hz, int hzSf,
        int va, int vaSf,
        int var, int varSf,
        int pf, int pfSf,
        long wh, int whSf,
        int dca, int dcaSf,
        int dcv, int dcvSf,
        int dcw, int dcwSf,
        int tmpCab, int tmpSnk, int tmpSf,
        int st,
        long evt1, long evt2) {
}
