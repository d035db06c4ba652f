package org.yangguang.distribution.ledger;

/**
 * Whose money an account holds: a village's fund (its revenue, from every station it has a share of) or the county
 * pool (the poverty share of centralized stations, 扶贫容量部分, pooled at county level). The chart of accounts:
 *
 * <pre>
 * &lt;county&gt;:cash                              the dedicated account (专户): every receipt in, every payment out
 * &lt;county&gt;:deduction:&lt;name&gt;                  each deduction before distribution (O&amp;M, insurance, ...)
 * &lt;county&gt;:station:&lt;code&gt;:clearing           a receipt on its way from the cash to its owners (always 0 after)
 * &lt;county&gt;:station:&lt;code&gt;:other-parties      the part of a station no village or pool holds (a partner's share)
 * &lt;fund&gt;:balance      revenue not yet allocated, and what plans carried forward (结余)
 * &lt;fund&gt;:recoverable  owed back by the fund after a correction took away more than it had (repaid from revenue first)
 * &lt;fund&gt;:budget:&lt;CAT&gt; a category's budget of an approved plan (passes through to the lines, the rest back)
 * &lt;fund&gt;:payable      due to households, people and project payees by approved plan lines, until paid
 * &lt;fund&gt;:retained     kept by the village collective (村集体留存), not a bank transfer
 * </pre>
 * where &lt;fund&gt; is {@code <county>:village:<code>} or {@code <county>:pool}. Every account starts with its
 * county, so a county's books are one prefix. Debits are positive, credits negative; liabilities (everything but
 * cash and recoverable) carry credit balances.
 */
public record Fund(String county, boolean pool, String village) {

    public static Fund village(String county, String village) {
        return new Fund(county, false, village);
    }

    public static Fund pool(String county) {
        return new Fund(county, true, null);
    }

    public String prefix() {
        return pool ? county + ":pool" : county + ":village:" + village;
    }

    /** The village code, or "pool" (for people). */
    public String label() {
        return pool ? county + " county pool" : village;
    }

    public String balance() {
        return prefix() + ":balance";
    }

    public String recoverable() {
        return prefix() + ":recoverable";
    }

    public String budget(String category) {
        return prefix() + ":budget:" + category;
    }

    public String payable() {
        return prefix() + ":payable";
    }

    public String retained() {
        return prefix() + ":retained";
    }

    public static String cash(String county) {
        return county + ":cash";
    }

    public static String deduction(String county, String name) {
        return county + ":deduction:" + name;
    }

    public static String clearing(String county, String station) {
        return county + ":station:" + station + ":clearing";
    }

    public static String otherParties(String county, String station) {
        return county + ":station:" + station + ":other-parties";
    }
}
