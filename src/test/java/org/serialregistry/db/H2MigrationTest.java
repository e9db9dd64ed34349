package org.serialregistry.db;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The same bar as {@link PostgresMigrationTest}, on the embedded H2 database of the default run. */
@IntegrationTest
class H2MigrationTest {

    @Autowired
    Flyway flyway;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theSchemaIsH2AndEveryMigrationIncludingTheH2OnesIsApplied() {
        assertThat(jdbc.queryForObject("select h2version()", String.class)).isNotBlank();
        MigrationChecks.assertAllMigrationsApplied(flyway, "h2");
    }

    @Test
    void theAuditTrailRefusesUpdateAndDeleteAtTheDatabase() {
        MigrationChecks.assertAuditTrailIsAppendOnly(jdbc);
    }
}
