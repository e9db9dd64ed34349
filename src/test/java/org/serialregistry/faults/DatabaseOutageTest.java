package org.serialregistry.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.serialregistry.DemoApi;
import org.serialregistry.shared.OutageTolerantRollback;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * PostgreSQL stopped under verification load, then started again (its own embedded server, so that
 * stopping it disturbs no other test): genuine codes verified a moment before still answer, codes
 * that need the database get a clean 503 with Retry-After, no request gets a 500 or a stack trace,
 * the scans wait and are written once the database is back, and the service recovers by itself.
 * scripts/fault-postgres-outage.sh does the same to the packaged jar with a 30 s outage under load.
 */
@SpringBootTest(properties = {"serial-registry.demo.enabled=true",
        "spring.datasource.hikari.connection-timeout=1000", "spring.datasource.hikari.validation-timeout=500",
        "serial-registry.verification.unit-cache-ttl=100ms", "serial-registry.verification.outage.backoff=500ms",
        "serial-registry.verification.outage.scan-retry=200ms",
        "serial-registry.verification.rate-limit-per-minute=1000000", "serial-registry.verification.rate-limit-burst=1000000"})
@AutoConfigureMockMvc
@ActiveProfiles("postgres")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageTest {

    static final String PRODUCTION = "Bearer sr_demoprod_ProductionDemoKeyNotForProduction";
    static final String PHONE = "09506000134352";
    static final int PORT = freePort();
    static final Path DATA = dataDirectory();
    static EmbeddedPostgres postgres;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        postgres = start();
        try (var c = postgres.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("create database outage");
        }
        registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "outage"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        postgres.close();
    }

    static final String ADMIN_KEY = "Bearer sr_demoadmn_AdminDemoKeyNotForProduction";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    PlatformTransactionManager transactions;

    final JsonMapper json = JsonMapper.builder().build();

    /** One answer the public route gave during the outage. */
    record Seen(String what, int status, String retryAfter, String body) {
    }

    @Test
    void whilePostgresqlIsStoppedGenuineCodesStillAnswerOthersGetA503AndEverythingRecoversByItself() throws Exception {
        var serials = phones(2);
        String known = serials.get(0);   // verified just before the outage
        String unseen = serials.get(1);  // never verified: only the database knows it
        String forged = known.substring(0, 19) + (known.endsWith("A") ? "B" : "A");
        assertThat(verify(known).getResponse().getStatus()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> scansOf(known) == 1);

        assertThat(mvc.perform(get("/actuator/health").header("Authorization", ADMIN_KEY)).andReturn().getResponse()
                .getContentAsString()).as("an operator's view before the outage").contains("\"scanLog\"")
                .as("the disk reserve guards embedded H2 only").doesNotContain("databaseDisk");

        double poolTimeoutsBefore = poolTimeouts();
        postgres.close();
        var seen = new ConcurrentLinkedQueue<Seen>();
        var pool = Executors.newFixedThreadPool(3);
        var go = new CountDownLatch(1);
        for (int t = 0; t < 3; t++) {
            pool.submit(() -> {
                go.await();
                for (int i = 0; i < 8; i++) {
                    for (var code : List.of(List.of("known", known), List.of("forged", forged), List.of("unseen", unseen))) {
                        var r = verify(code.get(1)).getResponse();
                        seen.add(new Seen(code.get(0), r.getStatus(), r.getHeader("Retry-After"), r.getContentAsString()));
                    }
                }
                return null;
            });
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
        double poolTimeoutsDuring = poolTimeouts() - poolTimeoutsBefore;
        var health = mvc.perform(get("/actuator/health")).andReturn().getResponse();
        // found by scripts/fault-disk-full.sh: an operator's key could not be checked and health answered 500
        var operatorsHealth = mvc.perform(get("/actuator/health").header("Authorization", ADMIN_KEY)).andReturn().getResponse();
        var unknownKey = mvc.perform(get("/actuator/health").header("Authorization", "Bearer sr_nosuchky_"
                + "NoSuchKeyNoSuchKey")).andReturn().getResponse();
        var api = mvc.perform(get("/api/v1/me").header("Authorization", ADMIN_KEY)).andReturn().getResponse();
        // the probes Kubernetes asks (helm values): the instance still answers (forged codes, last copies, 503s
        // with Retry-After), so it stays live and ready; every replica shares the database, so taking them out of
        // the Service would turn those answers into connection errors
        var readiness = mvc.perform(get("/actuator/health/readiness")).andReturn().getResponse();
        var liveness = mvc.perform(get("/actuator/health/liveness")).andReturn().getResponse();
        postgres = start();

        assertThat(seen).hasSize(72).allSatisfy(s -> {
            assertThat(s.status()).as(s.toString()).isNotEqualTo(500);
            assertThat(s.body()).as(s.toString()).doesNotContain("Exception").doesNotContain("at org.");
        });
        assertThat(seen).filteredOn(s -> s.what().equals("known")).allSatisfy(s -> {
            assertThat(s.status()).as(s.toString()).isEqualTo(200);
            assertThat(json.readTree(s.body()).get("verdict").asString()).isEqualTo("GENUINE");
        });
        assertThat(seen).filteredOn(s -> s.what().equals("forged")).allSatisfy(s -> {
            assertThat(s.status()).as(s.toString()).isEqualTo(200);
            assertThat(json.readTree(s.body()).get("verified").asBoolean()).isFalse();
        });
        assertThat(seen).filteredOn(s -> s.what().equals("unseen")).allSatisfy(s -> {
            assertThat(s.status()).as(s.toString()).isEqualTo(503);
            assertThat(s.retryAfter()).isEqualTo("30");
            assertThat(json.readTree(s.body()).get("detail").asString()).contains("try again");
        });
        assertThat(meters.counter("verification.units.stale").count()).as("answers from the last copy").isPositive();
        // no request waits for the pool while the database is known to be away: neither the shared rate limit
        // nor the recall, refurbishment and warranty details of an answer from the last copy (before: each of
        // the 72 requests waited for the rate limit's connection, each known code three times more)
        assertThat(poolTimeoutsDuring).as("requests that waited for the pool's connection timeout").isLessThan(24);
        assertThat(health.getStatus()).as("health while the database is away").isEqualTo(503);
        assertThat(health.getContentAsString()).contains("\"status\":\"DOWN\"");
        assertThat(operatorsHealth.getStatus()).as("an operator's health view while the database is away").isEqualTo(503);
        assertThat(operatorsHealth.getContentAsString()).contains("\"db\":{", "\"scanLog\":{", "\"queued\"");
        assertThat(unknownKey.getStatus()).as("a key never seen, while the database is away").isEqualTo(503);
        assertThat(api.getStatus()).as("the API while the database is away").isEqualTo(503);
        assertThat(readiness.getStatus()).as("readiness while the database is away").isEqualTo(200);
        assertThat(readiness.getContentAsString()).contains("\"status\":\"UP\"");
        assertThat(liveness.getStatus()).as("liveness while the database is away").isEqualTo(200);
        assertThat(liveness.getContentAsString()).contains("\"status\":\"UP\"");

        // the database is back: the unseen code verifies, the scans that waited are written, health is UP
        await().atMost(Duration.ofSeconds(60)).until(() -> verify(unseen).getResponse().getStatus() == 200);
        assertThat(json.readTree(verify(unseen).getResponse().getContentAsString()).get("verdict").asString())
                .isEqualTo("GENUINE");
        await().atMost(Duration.ofSeconds(60)).until(() -> scansOf(known) == 1 + 24);
        assertThat(meters.counter("verification.scans.dropped").count()).isZero();
        assertThat(meters.counter("verification.scans.failed").count()).as("scans lost").isZero();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                mvc.perform(get("/actuator/health")).andReturn().getResponse().getStatus() == 200);
    }

    /**
     * Found by scripts/fault-disk-full.sh: when the connection is lost inside a transaction, the rollback fails
     * on it too, and Spring threw the rollback's exception instead of the work's and logged "Application
     * exception overridden by rollback exception" at ERROR with both stack traces, for every request and job
     * that met the outage; HikariCP added a warning with a stack trace for every connection it threw away.
     */
    /** The application's JPA manager, and the JDBC one the scan log and its partitions work under. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"JPA (the application's)", "JDBC (scan log, partitions)"})
    void aTransactionWhoseConnectionIsLostFailsWithItsOwnErrorAndLogsNoStackTrace(String manager, CapturedOutput output) {
        await().atMost(Duration.ofSeconds(60)).until(() -> scansOf("none") == 0); // the server is up
        var tx = new TransactionTemplate(manager.startsWith("JPA") ? transactions
                : OutageTolerantRollback.dataSourceTransactionManager(java.util.Objects.requireNonNull(jdbc.getDataSource())));
        int logged = output.getAll().length();
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            int pid = jdbc.queryForObject("select pg_backend_pid()", Integer.class);
            terminate(pid); // as a server restart or a network cut would
            jdbc.queryForObject("select count(*) from unit", Long.class);
        })).as("the work's own failure reaches the caller, not the rollback's")
                .isNotInstanceOf(TransactionSystemException.class)
                .satisfies(e -> assertThat(org.serialregistry.shared.Databases.unreachable(e)).as(e.toString()).isTrue());
        String log = output.getAll().substring(logged);
        assertThat(log).doesNotContain("overridden by rollback").doesNotContain("marked as broken")
                .doesNotContain("\tat org.");
        assertThat(jdbc.queryForObject("select count(*) from unit", Long.class)).as("the pool recovers").isPositive();
    }

    void terminate(int pid) {
        try (var c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "outage"), "postgres", "postgres");
             var s = c.prepareStatement("select pg_terminate_backend(?)")) {
            s.setInt(1, pid);
            s.execute();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    double poolTimeouts() {
        var timeouts = meters.find("hikaricp.connections.timeout").counter();
        assertThat(timeouts).as("HikariCP's metrics").isNotNull();
        return timeouts.count();
    }

    org.springframework.test.web.servlet.MvcResult verify(String serial) throws Exception {
        return mvc.perform(get("/01/" + PHONE + "/21/" + serial).accept(MediaType.APPLICATION_JSON)).andReturn();
    }

    long scansOf(String serial) {
        // straight to the server: the application's pool may still be finding out that it is back
        try (var c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "outage"), "postgres", "postgres");
             var s = c.prepareStatement("select count(*) from scan_record where serial = ?")) {
            s.setString(1, serial);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    List<String> phones(int n) throws Exception {
        return DemoApi.issuePhones(mvc, n, "OUT1");
    }

    static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder().setPort(PORT).setDataDirectory(DATA).setCleanDataDirectory(false).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start PostgreSQL on port " + PORT, e);
        }
    }

    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path dataDirectory() {
        try {
            Path target = Path.of("target");
            Files.createDirectories(target);
            return Files.createTempDirectory(target.toAbsolutePath(), "outage-pg-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
