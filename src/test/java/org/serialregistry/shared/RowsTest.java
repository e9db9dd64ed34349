package org.serialregistry.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Rows map by column name without asking the driver for columns that are not there: Spring's own
 * mappers did, and each miss was an exception (and, on H2, a line in the trace file) per column and row.
 */
class RowsTest {

    enum Colour { RED, GREEN }

    record Sample(long id, String unitSerial, Colour colour, Instant seenAt, @Nullable Long parentId, int claimCount) {
    }

    public record SampleId(long value) implements NumericId {
    }

    /** A row that refers to another by its typed id. */
    record Child(SampleId id, @Nullable SampleId parentId) {
    }

    private SingleConnectionDataSource dataSource;
    private JdbcClient jdbc;

    @BeforeEach
    void database() {
        dataSource = new SingleConnectionDataSource("jdbc:h2:mem:rows;DB_CLOSE_DELAY=-1", true);
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("create table sample (id bigint, unit_serial varchar(20), colour varchar(10), "
                + "seen_at timestamp with time zone, parent_id bigint, claim_count int)").update();
        jdbc.sql("insert into sample values (1, 'ABC', 'GREEN', timestamp with time zone '2026-12-03 10:15:30+00', null, 3), "
                + "(2, 'DEF', 'RED', timestamp with time zone '2026-12-04 08:00:00+00', 1, 0)").update();
    }

    @AfterEach
    void close() {
        jdbc.sql("drop table sample").update();
        dataSource.destroy();
    }

    @Test
    void snakeCaseColumnsEnumsTimestampsAndNullableNumbersMapOntoTheRecord() {
        var rows = jdbc.sql("select * from sample order by id").query(Rows.of(Sample.class)).list();

        assertThat(rows).containsExactly(
                new Sample(1, "ABC", Colour.GREEN, Instant.parse("2026-12-03T10:15:30Z"), null, 3),
                new Sample(2, "DEF", Colour.RED, Instant.parse("2026-12-04T08:00:00Z"), 1L, 0));
    }

    @Test
    void idRecordsMapFromTheirNumberColumnsAndANullStaysNull() {
        var rows = jdbc.sql("select id, parent_id from sample order by id").query(Rows.of(Child.class)).list();

        assertThat(rows).containsExactly(new Child(new SampleId(1), null), new Child(new SampleId(2), new SampleId(1)));
    }

    @Test
    void oneMapperServesQueriesWhoseColumnsComeInAnotherOrder() {
        var mapper = Rows.of(Sample.class);
        var first = jdbc.sql("select * from sample where id = 1").query(mapper).single();
        var reordered = jdbc.sql("select claim_count, parent_id, seen_at, colour, unit_serial, id from sample where id = 1")
                .query(mapper).single();

        assertThat(reordered).isEqualTo(first);
    }

    @Test
    void aMissingColumnIsNamedWithTheRecordComponent() {
        assertThatThrownBy(() -> jdbc.sql("select id, unit_serial from sample").query(Rows.of(Sample.class)).list())
                .hasMessageContaining("no column for Sample.colour");
    }

    /**
     * Found in the 10 M-unit benchmark (754,133 exceptions in one verification run): for an enum or an
     * {@code Instant} component, PostgreSQL's driver refuses the typed {@code getObject(column, type)}, Spring
     * catches that and reads the plain value. Mapped here on a real PostgreSQL and on H2, through a result set
     * that counts what the driver threw: nothing, and the same records.
     */
    @Test
    void enumsAndInstantsMapWithoutTheDriverThrowingOnPostgresqlAndH2() throws Exception {
        String create = "create table sample (id bigint, unit_serial varchar(20), colour varchar(10), "
                + "seen_at timestamp with time zone, parent_id bigint, claim_count int)";
        String insert = "insert into sample values (1, 'ABC', 'GREEN', timestamp with time zone '2026-12-03 10:15:30+00',"
                + " null, 3)";
        var expected = new Sample(1, "ABC", Colour.GREEN, Instant.parse("2026-12-03T10:15:30Z"), null, 3);
        try (var postgres = EmbeddedPostgres.builder().start(); var pg = postgres.getPostgresDatabase().getConnection()) {
            pg.createStatement().execute(create);
            pg.createStatement().execute(insert);
            assertThat(mapCounting(pg)).isEqualTo(new Mapped(expected, 0));
        }
        assertThat(mapCounting(dataSource.getConnection())).isEqualTo(new Mapped(expected, 0));
    }

    record Mapped(Sample row, int thrownByTheDriver) {
    }

    private static Mapped mapCounting(Connection connection) throws Exception {
        var thrown = new int[1];
        try (var st = connection.createStatement(); var rs = st.executeQuery("select * from sample where id = 1")) {
            var counting = (ResultSet) Proxy.newProxyInstance(RowsTest.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                    (proxy, method, args) -> {
                        try {
                            return method.invoke(rs, args);
                        } catch (InvocationTargetException e) {
                            thrown[0]++;
                            throw e.getCause();
                        }
                    });
            assertThat(counting.next()).isTrue();
            return new Mapped(Rows.of(Sample.class).mapRow(counting, 0), thrown[0]);
        }
    }

    /** Stores map through Rows: Spring's name-guessing mappers throw per missing column name on every row. */
    @Test
    void noStoreMapsRowsWithSpringsNameGuessingMappers() throws IOException {
        var guessing = Pattern.compile("new (DataClassRowMapper|SimplePropertyRowMapper|BeanPropertyRowMapper)<"
                + "|\\.query\\((?!(Long|String|Integer|Boolean|Double|Instant|OffsetDateTime|UUID|LocalDate|BigDecimal|byte\\[\\])\\.class)"
                + "[A-Z][\\w.]*\\.class\\)");
        var found = new ArrayList<String>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (guessing.matcher(lines.get(i)).find()) {
                        found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertThat(found).as("map rows with Rows.of(Record.class)").isEmpty();
    }
}
