package org.serialregistry.shared.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.Trigger;

/**
 * H2 trigger that refuses updates and deletes on append-only tables (audit log, lifecycle events).
 * PostgreSQL gets the same guarantee from a PL/pgSQL trigger; both are installed by Flyway.
 */
public class AppendOnlyH2Trigger implements Trigger {

    private String table;

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type) {
        this.table = tableName;
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("table " + table + " is append-only: " + (newRow == null ? "DELETE" : "UPDATE") + " refused", "42501");
    }
}
