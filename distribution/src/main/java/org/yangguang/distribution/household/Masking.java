package org.yangguang.distribution.household;

/**
 * Masks personal numbers wherever the full value is not needed (issue 1): bank accounts keep their last 4
 * digits, ID numbers (18 characters) their first 3 and last 4 — enough for a villager or a clerk to recognise
 * their own, not enough to use.
 */
public final class Masking {
    private Masking() {
    }

    public static String bankAccount(String account) {
        if (account == null || account.length() <= 4) {
            return "****";
        }
        return "*".repeat(account.length() - 4) + account.substring(account.length() - 4);
    }

    public static String idNumber(String id) {
        if (id == null || id.length() <= 7) {
            return "*******";
        }
        return id.substring(0, 3) + "*".repeat(id.length() - 7) + id.substring(id.length() - 4);
    }

    /** 张三 → 张*, 欧阳娜娜 → 欧***: for pages reachable without login. */
    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        return name.substring(0, 1) + "*".repeat(Math.max(1, name.length() - 1));
    }
}
