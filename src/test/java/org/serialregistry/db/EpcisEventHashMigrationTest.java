package org.serialregistry.db;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Migrations V0171 (fold duplicate captured EPCIS events into the first) and V0171_1 (make a captured
 * event's hash unique) on a database that holds real duplicates, as two concurrent captures of one
 * event left them before: on H2 and on PostgreSQL the schema is migrated to the version before V0171,
 * duplicates with EPC, party and containment rows and lifecycle links are written, and the database is
 * migrated on. Exactly one captured event per hash is left (the first, with what its copies carried
 * that it lacked), error declarations (which share the hash of the event they declare) are left alone,
 * and a second captured copy of a hash is refused by the database from then on.
 */
class EpcisEventHashMigrationTest {

    static final MigrationVersion V0171 = MigrationVersion.fromVersion("0171");
    static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-20T08:00:00Z");

    @Test
    void onH2TheDuplicatesAreFoldedIntoTheFirstAndTheHashBecomesUnique() {
        var h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:epcis_hash_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        duplicatesAreFoldedAndTheHashBecomesUnique(h2, "h2");
        var jdbc = new JdbcTemplate(h2);
        assertThat(jdbc.queryForObject("select count(*) from information_schema.table_constraints where "
                + "upper(constraint_name) = 'EPCIS_EVENT_CAPTURED_HASH_UQ' and constraint_type = 'UNIQUE'", Integer.class))
                .isEqualTo(1);
    }

    @Test
    void onPostgresqlTheDuplicatesAreFoldedIntoTheFirstAndTheHashBecomesUnique() {
        var pg = EmbeddedPostgresServer.freshDataSource("epcis_hash_migration");
        duplicatesAreFoldedAndTheHashBecomesUnique(pg, "postgresql");
        var jdbc = new JdbcTemplate(pg);
        assertThat(jdbc.queryForObject("select indexdef from pg_indexes where indexname = 'epcis_event_captured_hash_uq'",
                String.class)).contains("UNIQUE").contains("(event_hash)").contains("WHERE (declares_hash IS NULL)");
    }

    static void duplicatesAreFoldedAndTheHashBecomesUnique(DataSource db, String vendor) {
        var flyway = Flyway.configure().dataSource(db)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor);
        // the last migration before V0171, whichever that is once other branches add theirs
        var before = Arrays.stream(flyway.load().info().all()).map(m -> m.getVersion())
                .filter(v -> v != null && V0171.isNewerThan(v.getVersion()))
                .max(Comparable::compareTo).orElseThrow();
        flyway.target(before).load().migrate();
        var jdbc = new JdbcTemplate(db);
        assertThat(Arrays.stream(flyway.load().info().applied()).filter(m -> m.getVersion() != null
                && m.getVersion().isNewerThan(before.getVersion()))).as("nothing after " + before).isEmpty();

        String capture = UUID.randomUUID().toString();
        jdbc.update("insert into epcis_capture (id, captured_at, captured_by, party, status, event_count, applied_count, "
                + "duplicate_count) values (?, ?, 'api-key:demodist', 'DIST-DE', 'SUCCEEDED', 2, 2, 0)", capture, AT);
        // A: stored three times; the first has no lifecycle link, its copies have one each
        event(jdbc, 11, capture, "sha-256:a", null, null);
        event(jdbc, 12, capture, "sha-256:a", 5001L, null);
        event(jdbc, 13, capture, "sha-256:a", 5002L, null);
        // B: stored once
        event(jdbc, 21, capture, "sha-256:b", 6001L, null);
        // C: stored once, declared in error twice (declarations carry the hash of the event they declare)
        event(jdbc, 31, capture, "sha-256:c", null, null);
        event(jdbc, 32, capture, "sha-256:c", null, "sha-256:c");
        event(jdbc, 33, capture, "sha-256:c", null, "sha-256:c");
        jdbc.update("update epcis_event set declared_error_at = ?, error_declaration = '{\"reason\":\"incorrect_data\"}' "
                + "where id = 31", AT.plusHours(1));
        // D: stored twice; the first already has its lifecycle link
        event(jdbc, 41, capture, "sha-256:d", 7001L, null);
        event(jdbc, 42, capture, "sha-256:d", null, null);
        for (long id : List.of(11L, 12L, 13L, 21L, 31L, 41L, 42L)) {
            jdbc.update("insert into epcis_event_epc (event_id, epc, role) values (?, ?, 'EPC')", id,
                    "https://id.gs1.org/01/09506000134352/21/UNIT" + id / 10);
            jdbc.update("insert into epcis_event_party (event_id, party) values (?, 'DIST-DE')", id);
        }
        jdbc.update("insert into epcis_event_party (event_id, party) values (12, 'MFG-DE')");
        contained(jdbc, "https://id.gs1.org/01/09506000134352/21/CHILD1", 13);
        contained(jdbc, "https://id.gs1.org/01/09506000134352/21/CHILD2", 12);
        contained(jdbc, "https://id.gs1.org/01/09506000134352/21/CHILD3", 21);

        var result = flyway.target("latest").load().migrate();

        assertThat(result.success).isTrue();
        assertThat(Arrays.stream(flyway.load().info().applied()).filter(m -> m.getVersion() != null
                && m.getVersion().getVersion().startsWith("0171")).map(m -> m.getState()).toList())
                .as("V0171 and V0171_1").hasSize(2).containsOnly(MigrationState.SUCCESS);
        assertThat(jdbc.queryForList("select event_hash, count(*) as copies from epcis_event where declares_hash is null "
                + "group by event_hash having count(*) > 1")).as("captured hashes stored more than once").isEmpty();
        assertThat(jdbc.queryForList("select id from epcis_event where declares_hash is null order by id", Long.class))
                .as("the first of each hash is kept").containsExactly(11L, 21L, 31L, 41L);
        assertThat(jdbc.queryForList("select id from epcis_event where declares_hash is not null order by id", Long.class))
                .as("error declarations are left alone").containsExactly(32L, 33L);
        assertThat(lifecycle(jdbc, 11)).as("the first copy's link moves to the kept event").isEqualTo(5001L);
        assertThat(lifecycle(jdbc, 21)).isEqualTo(6001L);
        assertThat(lifecycle(jdbc, 41)).as("a kept event's own link stays").isEqualTo(7001L);
        assertThat(jdbc.queryForObject("select declared_error_at from epcis_event where id = 31", OffsetDateTime.class))
                .isNotNull();
        assertThat(jdbc.queryForList("select child, event_id from epcis_containment order by child"))
                .extracting(r -> ((Number) r.get("event_id")).longValue())
                .as("packing moves to the kept event").containsExactly(11L, 11L, 21L);
        assertThat(jdbc.queryForList("select event_id from epcis_event_epc order by event_id", Long.class))
                .as("the copies' EPC rows go, the kept ones stay").containsExactly(11L, 21L, 31L, 41L);
        assertThat(jdbc.queryForList("select event_id, party from epcis_event_party order by event_id, party"))
                .extracting(r -> r.get("event_id") + " " + r.get("party"))
                .containsExactly("11 DIST-DE", "21 DIST-DE", "31 DIST-DE", "41 DIST-DE");

        // from now on the database refuses a second captured copy, but takes another declaration of the event
        assertThatThrownBy(() -> event(jdbc, null, capture, "sha-256:a", null, null))
                .isInstanceOf(DataIntegrityViolationException.class);
        event(jdbc, null, capture, "sha-256:a", null, "sha-256:a");
        event(jdbc, null, capture, "sha-256:e", null, null);
        assertThat(jdbc.queryForObject("select count(*) from epcis_event where event_hash = 'sha-256:a'", Integer.class))
                .isEqualTo(2);
    }

    static void event(JdbcTemplate jdbc, @Nullable Integer id, String capture, String hash, @Nullable Long lifecycle,
                      @Nullable String declares) {
        jdbc.update("insert into epcis_event (" + (id == null ? "" : "id, ") + "capture_id, lifecycle_event_id, event_hash, "
                        + "event_type, action, event_time, record_time, biz_step, declares_hash, body) values ("
                        + (id == null ? "" : id + ", ") + "?, ?, ?, 'ObjectEvent', 'OBSERVE', ?, ?, 'shipping', ?, ?)",
                capture, lifecycle, hash, AT, AT, declares, "{\"type\":\"ObjectEvent\",\"hash\":\"" + hash + "\"}");
    }

    static void contained(JdbcTemplate jdbc, String child, long eventId) {
        jdbc.update("insert into epcis_containment (child, parent, event_id, packed_at) values (?, ?, ?, ?)", child,
                "urn:epc:id:sscc:4012345.0000000001", eventId, AT);
    }

    static @Nullable Long lifecycle(JdbcTemplate jdbc, long eventId) {
        Map<String, Object> row = jdbc.queryForMap("select lifecycle_event_id from epcis_event where id = ?", eventId);
        Object v = row.values().iterator().next();
        return v == null ? null : ((Number) v).longValue();
    }
}
