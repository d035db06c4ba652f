package org.yangguang.distribution.ledger.migration;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.sql.Connection;
import java.sql.Statement;

/**
 * Migration 9: the database itself refuses to change or remove a ledger entry. The application never does (a
 * correction is a reversing entry, DOMAIN.md), and the hash chain finds an edit made behind its back; this stops
 * the edit or the deletion in the first place, by a careless script or a console session, with a message that says
 * why. Someone allowed to switch the guard off (the table's owner) still can; the chain is what catches that.
 *
 * <p>A Java migration, not a SQL file, because the guard is a trigger and triggers are written differently on
 * PostgreSQL (a PL/pgSQL function) and H2 (a Java class, {@link RefuseLedgerChange}); the same migration runs on
 * both, as every migration must (the tests run each suite on both).
 */
public final class LedgerAppendOnly implements JavaMigration {
    /** The row trigger's name on both databases. */
    public static final String TRIGGER = "ledger_entry_append_only";

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("9");
    }

    @Override
    public String getDescription() {
        return "ledger append only";
    }

    @Override
    public Integer getChecksum() {
        return 9_001; // bump when the statements below change, so that Flyway's validate notices
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        String product = c.getMetaData().getDatabaseProductName();
        try (Statement s = c.createStatement()) {
            switch (product) {
                case "PostgreSQL" -> {
                    s.execute("""
                            CREATE FUNCTION ledger_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                            BEGIN
                                RAISE EXCEPTION '%', 'ledger_entry is append-only: ' || TG_OP
                                    || ' refused; a correction is a new reversing entry';
                            END $$""");
                    s.execute("CREATE TRIGGER " + TRIGGER + " BEFORE UPDATE OR DELETE ON ledger_entry"
                            + " FOR EACH ROW EXECUTE FUNCTION ledger_entry_refuse_change()");
                    s.execute("CREATE TRIGGER ledger_entry_no_truncate BEFORE TRUNCATE ON ledger_entry"
                            + " FOR EACH STATEMENT EXECUTE FUNCTION ledger_entry_refuse_change()");
                }
                case "H2" -> s.execute(h2Trigger());
                default -> throw new IllegalStateException("no append-only guard for the ledger on " + product
                        + "; Yangguang runs on PostgreSQL (or the embedded H2)");
            }
        }
    }

    /** H2's trigger statement: a Java class fires for each row. */
    public static String h2Trigger() {
        return "CREATE TRIGGER " + TRIGGER + " BEFORE UPDATE, DELETE ON ledger_entry FOR EACH ROW CALL '"
                + RefuseLedgerChange.class.getName() + "'";
    }
}
