package org.yangguang.testkit;

/** Where a test's database is. */
public record JdbcTarget(String url, String user, String password) {
}
