package org.serialregistry.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Checks shared by the H2 and the PostgreSQL tests, so both databases are held to the same bar. */
final class MigrationChecks {

    private MigrationChecks() {
    }

    /** The migration scripts on the classpath for this vendor folder: common ones plus the vendor's own. */
    static List<String> scriptsOnClasspath(String vendorFolder) {
        var scripts = new ArrayList<String>();
        scripts.addAll(sqlFilesIn("common"));
        scripts.addAll(sqlFilesIn(vendorFolder));
        return scripts.stream().sorted().toList();
    }

    static List<String> sqlFilesIn(String folder) {
        try {
            return Arrays.stream(new PathMatchingResourcePatternResolver()
                            .getResources("classpath*:db/migration/" + folder + "/*.sql"))
                    .map(Resource::getFilename).filter(Objects::nonNull).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every script of common + vendor folder is applied successfully, nothing else, nothing pending. */
    static void assertAllMigrationsApplied(Flyway flyway, String vendorFolder) {
        var info = flyway.info();
        var applied = Arrays.stream(info.applied()).filter(m -> m.getVersion() != null).toList();
        assertThat(applied).as("applied migrations").allSatisfy(m ->
                assertThat(m.getState()).as(m.getScript()).isEqualTo(MigrationState.SUCCESS));
        assertThat(applied.stream().map(MigrationInfo::getScript).map(MigrationChecks::fileName).sorted().toList())
                .as("scripts recorded in flyway_schema_history")
                .isEqualTo(scriptsOnClasspath(vendorFolder));
        assertThat(info.pending()).as("pending migrations").isEmpty();
        assertThat(sqlFilesIn(vendorFolder)).as("vendor-specific scripts in db/migration/" + vendorFolder).isNotEmpty();
    }

    private static String fileName(String script) {
        return script.substring(script.lastIndexOf('/') + 1);
    }

    /**
     * Writes one audit entry, then tries to change and to remove it with plain SQL (as someone with
     * database access might): the database must refuse both and keep the entry as written.
     */
    static void assertAuditTrailIsAppendOnly(JdbcTemplate jdbc) {
        String subject = "probe-" + UUID.randomUUID();
        int inserted = jdbc.update("insert into audit_entry (occurred_at, actor, action, subject_type, subject_id, after_state)"
                        + " values (?, 'auditor', 'probe.written', 'probe', ?, '{\"amount\":100}')",
                OffsetDateTime.now(), subject);
        assertThat(inserted).as("appending an entry works").isEqualTo(1);

        assertThatThrownBy(() -> jdbc.update(
                "update audit_entry set actor = 'mallory', after_state = '{\"amount\":1}' where subject_id = ?", subject))
                .as("UPDATE of an audit entry")
                .isInstanceOf(DataAccessException.class)
                .hasStackTraceContaining("append-only")
                .hasStackTraceContaining("UPDATE refused");
        assertThatThrownBy(() -> jdbc.update("delete from audit_entry where subject_id = ?", subject))
                .as("DELETE of an audit entry")
                .isInstanceOf(DataAccessException.class)
                .hasStackTraceContaining("append-only")
                .hasStackTraceContaining("DELETE refused");
        assertThatThrownBy(() -> jdbc.update("delete from audit_entry"))
                .as("DELETE of the whole audit trail")
                .isInstanceOf(DataAccessException.class);

        var row = jdbc.queryForMap("select actor, after_state from audit_entry where subject_id = ?", subject);
        assertThat(row.get("actor")).isEqualTo("auditor");
        assertThat(row.get("after_state")).isEqualTo("{\"amount\":100}");
    }
}
