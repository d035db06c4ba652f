package org.yangguang.testkit;

/**
 * Closes what a test started, in the order given (a browser before the service it shows, the service before the
 * fleet it reads): every one is closed even when an earlier one fails, nulls (never started) are skipped, and the
 * first failure is thrown with the later ones suppressed in it.
 */
public final class Closing {
    private Closing() {
    }

    public static void inOrder(AutoCloseable... resources) throws Exception {
        Exception first = null;
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
