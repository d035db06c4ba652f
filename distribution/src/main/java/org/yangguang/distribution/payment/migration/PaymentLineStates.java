package org.yangguang.distribution.payment.migration;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Migration 11: a payment line may also be RETURNED (the bank sent the money back after paying it) or REVERSED (its
 * ledger entry was reversed), see {@code payment.PaymentLineState}. Migration 7 wrote the allowed states as an
 * unnamed CHECK, whose name each database chose itself; this finds it by its text, drops it and adds a named one.
 * Java, not SQL, because the two databases name and list their constraints differently.
 */
public final class PaymentLineStates implements JavaMigration {
    static final String STATES = "'IN_BATCH', 'PAID', 'FAILED', 'RETURNED', 'REVERSED'";

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("11");
    }

    @Override
    public String getDescription() {
        return "payment line states";
    }

    @Override
    public Integer getChecksum() {
        return 11_001;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        String product = c.getMetaData().getDatabaseProductName();
        String find = switch (product) {
            case "PostgreSQL" -> "SELECT conname FROM pg_constraint WHERE conrelid = 'payment_line'::regclass"
                    + " AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%IN_BATCH%'";
            case "H2" -> "SELECT CONSTRAINT_NAME FROM INFORMATION_SCHEMA.CHECK_CONSTRAINTS"
                    + " WHERE CHECK_CLAUSE LIKE '%IN_BATCH%' AND CONSTRAINT_SCHEMA = SCHEMA()";
            default -> throw new IllegalStateException("no migration 11 for " + product);
        };
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(find)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        if (names.size() != 1) {
            throw new IllegalStateException("expected one CHECK on payment_line.state, found " + names);
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE payment_line DROP CONSTRAINT " + quote(product, names.get(0)));
            s.execute("ALTER TABLE payment_line ADD CONSTRAINT payment_line_state CHECK (state IN (" + STATES + "))");
        }
    }

    private static String quote(String product, String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
