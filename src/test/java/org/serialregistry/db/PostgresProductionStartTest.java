package org.serialregistry.db;

import static org.awaitility.Awaitility.await;
import java.time.Duration;
import java.time.Instant;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.shared.CountryCode;
import org.serialregistry.verification.ScanOutcome;
import org.serialregistry.verification.UnitScanned;
import org.serialregistry.verification.internal.ScanLogWriter;
import org.serialregistry.verification.internal.ScanRequests;

import org.junit.jupiter.api.Test;
import org.serialregistry.security.Role;
import org.serialregistry.security.UserAdministration;
import org.serialregistry.serial.MasterData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A production start: profile {@code postgres} without the demo flag. No demo user, demo key or
 * demo product may appear; the first administrator comes from the bootstrap settings
 * ({@code SERIAL_REGISTRY_BOOTSTRAP_ADMIN_USERNAME} / {@code _PASSWORD} in the environment).
 */
@SpringBootTest(properties = {
        "serial-registry.bootstrap-admin.username=Olga.Ops",
        "serial-registry.bootstrap-admin.password=first-admin-secret-42",
        // Production takes its serial keys from the environment; this one is a test value, derived in the open
        "serial-registry.keys.active=1",
        "serial-registry.scan.client-key-secret=production-start-test-client-key-secret",
        "serial-registry.keys.versions.1=sVbeeZNtk3+VsxS8hiwZipIy/hj2ScqJv2ENleok+2w=",
        "serial-registry.chain-keys.mac-versions.1=q0nHkVYk3lQ0m2Yl1o3rS0W8c3q5cY0yT3n2d9d8y1U=",
        "serial-registry.chain-keys.checkpoint-key=J2m3cQ1k7Zt9n0vX4b5a6s7d8f9g0h1j2k3l4m5n6o8=",
        "serial-registry.keys.manufacturing-key=Zm9yLXRlc3RzLW9ubHktbWFudWZhY3R1cmluZy1rZXk="})
@AutoConfigureMockMvc
@ActiveProfiles("postgres")
// Closed after the class, while the shared server still runs (else its pool retries a stopped server at exit)
@DirtiesContext
class PostgresProductionStartTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedPostgresServer.useFreshDatabase("production_start", registry);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    UserAdministration users;
    @Autowired
    MasterData masterData;
    @Autowired
    MockMvc mvc;

    @Test
    void demoModeIsRefusedUnlessAskedFor() throws Exception {
        for (String demo : new String[]{"admin", "production", "quality", "warranty", "channel", "forensics", "service", "distributor"}) {
            assertThat(users.findByUsername(demo)).as("demo user " + demo).isEmpty();
        }
        assertThat(masterData.products()).as("demo products").isEmpty();
        assertThat(masterData.facilities()).as("demo facilities").isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from api_key", Long.class)).as("demo API keys").isZero();
        mvc.perform(formLogin("/login").user("admin").password("admin")).andExpect(unauthenticated());
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer sr_demoadmn_AdminDemoKeyNotForProduction"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void theFirstAdministratorIsCreatedFromTheBootstrapSettingsAndIsTheOnlyUser() throws Exception {
        assertThat(jdbc.queryForObject("select username from user_account", String.class)).isEqualTo("olga.ops");
        assertThat(users.findByUsername("olga.ops").orElseThrow().roles()).containsExactly(Role.ADMIN);
        mvc.perform(formLogin("/login").user("olga.ops").password("first-admin-secret-42"))
                .andExpect(authenticated().withUsername("olga.ops").withRoles("ADMIN"));
    }

    @Autowired
    ScanLogWriter scanLog;

    @Test
    void scansGoThroughCopyWithEveryValueIntact() {
        // what a scan of a tampered link may carry: COPY's own separators and escapes, and nulls
        String serial = "A\tB\\C\nD\rE";
        var id = ScanRequests.scanId();
        var at = Instant.parse("2026-11-25T10:15:30.123456Z");
        scanLog.submit(new UnitScanned(id, at, null, serial, ScanOutcome.MALFORMED, "client\\N", "session\t1",
                CountryCode.of("DE"), 52.52, -13.4, "mobile", UnitStatus.ACTIVE));
        scanLog.submit(new UnitScanned(ScanRequests.scanId(), at, "09506000134352", "PLAIN", ScanOutcome.FORGED,
                "client", "session", null, null, null, "other", null));
        scanLog.submit(new UnitScanned(ScanRequests.scanId(), at, "09506000134352", "GENUINE1", ScanOutcome.GENUINE,
                "client", "session", null, null, null, "other", UnitStatus.ACTIVE));

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from scan_record", Long.class) == 3);
        var row = jdbc.queryForMap("select * from scan_record where id = ?", id);
        assertThat(row.get("serial")).isEqualTo(serial);
        assertThat(row.get("gtin")).isNull();
        assertThat(row.get("client_key")).isEqualTo("client\\N");
        assertThat(row.get("session_id")).isEqualTo("session\t1");
        assertThat(row.get("country")).isEqualTo("DE");
        assertThat(row.get("latitude")).isEqualTo(52.52);
        assertThat(row.get("longitude")).isEqualTo(-13.4);
        assertThat(row.get("unit_status")).isEqualTo("ACTIVE");
        assertThat(row.get("unit_serial")).as("failed codes are not indexed by serial").isNull();
        assertThat(jdbc.queryForObject("select unit_serial from scan_record where serial = 'GENUINE1'", String.class))
                .isEqualTo("GENUINE1");
        assertThat(jdbc.queryForObject("select scanned_at from scan_record where id = ?", java.time.OffsetDateTime.class, id)
                .toInstant()).isEqualTo(at);
        var plain = jdbc.queryForMap("select * from scan_record where serial = 'PLAIN'");
        assertThat(plain.get("country")).isNull();
        assertThat(plain.get("latitude")).isNull();
        assertThat(plain.get("unit_status")).isNull();
        assertThat(plain.get("outcome")).isEqualTo("FORGED");
    }
}
