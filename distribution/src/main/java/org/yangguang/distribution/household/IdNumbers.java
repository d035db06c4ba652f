package org.yangguang.distribution.household;

/** Resident ID numbers (居民身份证号, GB 11643-1999): 17 digits and an ISO 7064 MOD 11-2 check character. */
public final class IdNumbers {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private IdNumbers() {
    }

    public static boolean isValid(String id) {
        if (id == null || id.length() != 18 || !id.substring(0, 17).chars().allMatch(Character::isDigit)) {
            return false;
        }
        return checkChar(id.substring(0, 17)) == Character.toUpperCase(id.charAt(17));
    }

    /** The full number for 17 leading digits. */
    public static String withCheck(String first17) {
        return first17 + checkChar(first17);
    }

    private static char checkChar(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }
}
