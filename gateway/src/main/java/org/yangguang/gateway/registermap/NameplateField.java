package org.yangguang.gateway.registermap;

/**
 * One field of a map's nameplate: a fixed text ({@code manufacturer: Huawei}) or a register point read when the
 * device is identified (a string, or a number named by an enum, such as Sungrow's device type code).
 *
 * @param text  the fixed text, or null when the field is read from {@code point}
 * @param point the register point, or null for a fixed text
 */
public record NameplateField(String name, String text, MapPoint point) {
    public boolean isRead() {
        return point != null;
    }
}
