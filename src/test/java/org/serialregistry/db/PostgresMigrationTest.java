package org.serialregistry.db;

import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.serialregistry.security.Role;
import org.serialregistry.security.UserAdministration;
import org.serialregistry.serial.FacilityView;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.ProductView;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The application on a real PostgreSQL with profile {@code postgres} and demo mode asked for
 * explicitly: Flyway builds the schema (with the PostgreSQL-only scripts), the repositories work,
 * demo users sign in, and the audit trail cannot be rewritten even with plain SQL.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("postgres")
// Closed after the class, while the shared server still runs (else its pool retries a stopped server at exit)
@DirtiesContext
class PostgresMigrationTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedPostgresServer.useFreshDatabase("demo_mode", registry);
        registry.add("serial-registry.demo.enabled", () -> "true");
    }

    private static final Map<String, Role> DEMO_USERS = Map.of(
            "admin", Role.ADMIN, "production", Role.PRODUCTION, "quality", Role.QUALITY, "warranty", Role.WARRANTY,
            "channel", Role.CHANNEL, "forensics", Role.FORENSICS, "service", Role.SERVICE_CENTER,
            "distributor", Role.DISTRIBUTOR);

    @Autowired
    Flyway flyway;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    UserAdministration users;
    @Autowired
    MasterData masterData;
    @Autowired
    MockMvc mvc;

    @Test
    void theSchemaIsPostgresqlAndEveryMigrationIncludingThePostgresqlOnesIsApplied() {
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
        MigrationChecks.assertAllMigrationsApplied(flyway, "postgresql");
    }

    @Test
    void demoUsersExistWithTheirRolesAndSignInWithPasswordEqualToUserName() throws Exception {
        DEMO_USERS.forEach((username, role) -> {
            var user = users.findByUsername(username);
            assertThat(user).as(username).isPresent();
            assertThat(user.get().roles()).as(username).containsExactly(role);
            assertThat(user.get().enabled()).as(username).isTrue();
        });
        mvc.perform(formLogin("/login").user("production").password("production"))
                .andExpect(authenticated().withUsername("production").withRoles("PRODUCTION"));
    }

    @Test
    void theDemoApiKeysAreStoredAndAccepted() throws Exception {
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer sr_demoprod_ProductionDemoKeyNotForProduction"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.roles[0]").value("PRODUCTION"));
    }

    @Test
    void demoMasterDataIsPresent() {
        assertThat(masterData.products()).extracting(ProductView::name)
                .contains("Aurora X2 smartphone", "CardioPace infusion pump", "StopTec front brake caliper");
        var munich = masterData.facility("DE-MUC").orElseThrow();
        assertThat(munich.number()).isEqualTo(1);
        assertThat(munich.lines()).hasSize(3);
        assertThat(masterData.facilities()).extracting(FacilityView::code).contains("DE-MUC", "US-AUS", "CZ-PLZ");
        // Demo seeding went through the audited service
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'product.created'", Long.class))
                .isGreaterThanOrEqualTo(6);
    }

    @Test
    void theAuditTrailRefusesUpdateAndDeleteAtTheDatabase() {
        MigrationChecks.assertAuditTrailIsAppendOnly(jdbc);
    }

    @Autowired
    org.serialregistry.warranty.WarrantyPolicies policies;

    @Test
    void coverageLinesAreStoredReadBackAndNeverEditedOnPostgresql() {
        String first13 = "0950620" + String.format("%06d", System.nanoTime() % 1_000_000);
        String gtin = first13 + org.serialregistry.shared.Gtin.checkDigit(first13);
        var saved = org.serialregistry.warranty.WarrantyTestUnits.as("admin", () -> {
            masterData.createProduct(new org.serialregistry.serial.NewProduct(gtin, "Boiler PG",
                    org.serialregistry.serial.ProductCategory.ELECTRONICS, org.serialregistry.serial.RiskClass.STANDARD,
                    java.util.Set.of("DE"), ""));
            return policies.addVersion(new org.serialregistry.warranty.NewPolicyVersion(gtin, java.time.LocalDate.of(2020, 1, 1),
                    0, null, 0, java.util.EnumSet.of(org.serialregistry.warranty.DefectCode.LEAK),
                    java.util.EnumSet.noneOf(org.serialregistry.warranty.DefectCode.class), false, false, 2, null,
                    java.util.List.of(new org.serialregistry.warranty.CoverageLine(org.serialregistry.warranty.CoverageKind.TRAVEL,
                            6, org.serialregistry.warranty.CoverageStart.INSTALLATION))));
        }, "ADMIN");

        assertThat(policies.find(saved.id()).orElseThrow().lines()).extracting(l -> l.start())
                .containsExactly(org.serialregistry.warranty.CoverageStart.INSTALLATION);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> jdbc.update(
                "update warranty_policy_line set term_months = 60 where policy_id = ?", saved.id())))
                .isInstanceOf(org.springframework.dao.DataAccessException.class);
        assertThat(jdbc.queryForObject("select count(*) from repair_record where service_party is not null", Long.class))
                .as("the repair column exists on PostgreSQL").isNotNegative();
    }
}
