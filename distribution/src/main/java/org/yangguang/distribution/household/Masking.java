package org.yangguang.distribution.household;

/**
 * Masks personal numbers wherever the full value is not needed (issue 1): bank accounts keep their last 4
 * digits, ID numbers (18 characters) their first 3 and last 4 — enough for a villager or a clerk to recognise
 * their own, not enough to use. Everything counts <b>code points</b>, never UTF-16 units: a name that starts
 * with a character outside the Basic Multilingual Plane (𠮷, U+20BB7, two UTF-16 units) keeps the whole
 * character instead of half a surrogate pair.
 */
public final class Masking {
    private Masking() {
    }

    public static String bankAccount(String account) {
        if (account == null || account.codePointCount(0, account.length()) <= 4) {
            return "****";
        }
        int n = account.codePointCount(0, account.length());
        return "*".repeat(n - 4) + account.substring(account.offsetByCodePoints(0, n - 4));
    }

    public static String idNumber(String id) {
        if (id == null || id.codePointCount(0, id.length()) <= 7) {
            return "*******";
        }
        int n = id.codePointCount(0, id.length());
        return id.substring(0, id.offsetByCodePoints(0, 3)) + "*".repeat(n - 7)
                + id.substring(id.offsetByCodePoints(0, n - 4));
    }

    /** 张三 → 张*, 欧阳娜娜 → 欧***, 𠮷玉兰 → 𠮷**: for pages reachable without login. */
    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        int n = name.codePointCount(0, name.length());
        return name.substring(0, name.offsetByCodePoints(0, 1)) + "*".repeat(Math.max(1, n - 1));
    }
}
