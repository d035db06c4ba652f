package org.yangguang.gateway.testing;

/**
 * The golden register images of the shipped vendor maps, as the simulator ships them (simulator
 * resources/images, one hand-checkable file per device model and state).
 */
public final class VendorImages {
    public static final String HUAWEI = "huawei-sun2000-50ktl-m3";
    public static final String HUAWEI_SHUTDOWN = "huawei-sun2000-50ktl-m3-shutdown";
    public static final String SUNGROW_SG110CX = "sungrow-sg110cx";
    public static final String SUNGROW_SG250HX = "sungrow-sg250hx";
    public static final String EASTRON_SDM630 = "eastron-sdm630";

    private VendorImages() {
    }

    /** A healthy SUN2000-50KTL-M3 at noon, 36 kW. */
    public static RegisterImage huaweiSun2000() {
        return RegisterImage.shipped(HUAWEI);
    }

    /** An SG110CX (3P4L, nine MPPTs) at dusk. */
    public static RegisterImage sungrowSg() {
        return RegisterImage.shipped(SUNGROW_SG110CX);
    }

    /** An SDM630 at a station exporting 36 kW. */
    public static RegisterImage eastronSdm630() {
        return RegisterImage.shipped(EASTRON_SDM630);
    }
}
