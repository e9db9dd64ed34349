package org.serialregistry.warranty;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.security.Role;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.Disposition;
import org.serialregistry.serial.EpcisEventType;
import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.NewLifecycleEvent;
import org.serialregistry.serial.NewProduct;
import org.serialregistry.serial.ProductCategory;
import org.serialregistry.serial.RiskClass;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.verification.VerificationMvc;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.serialregistry.warranty.WarrantyTestUnits.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A boiler maker's policy pays parts for 24 months from manufacture, labour for 12 months from the
 * sale and the engineer's travel for 6 months from installation: each line runs on its own, in the
 * automatic checks, the eligibility answer and the public page.
 */
@IntegrationTest
class CoverageLinesTest {

    static final String ADMIN_KEY = "Bearer sr_demoadmn_AdminDemoKeyNotForProduction";
    static final String SERVICE_KEY = "Bearer sr_demosvce_ServiceDemoKeyNotForProduction";
    private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 90_000));

    @Autowired
    MasterData masterData;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    Units units;
    @Autowired
    WarrantyPolicies policies;
    @Autowired
    WarrantyCoverage coverage;
    @Autowired
    ClaimIntake claims;
    @Autowired
    OwnershipRegistry owners;
    @Autowired
    WebApplicationContext context;
    MockMvc mvc;

    final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    final LocalDate made = today.minusMonths(14);
    final LocalDate sold = today.minusMonths(13);
    final LocalDate installed = today.minusMonths(2);

    @BeforeEach
    void setUp() {
        mvc = VerificationMvc.of(context);
    }

    /** A product of its own, so that its policy judges no other test's units. */
    private String boiler() {
        String first13 = "0950618" + String.format("%06d", NEXT.incrementAndGet() % 1_000_000);
        String gtin = first13 + Gtin.checkDigit(first13);
        as("production", () -> masterData.createProduct(new NewProduct(gtin, "Boiler " + gtin.substring(8),
                ProductCategory.ELECTRONICS, RiskClass.STANDARD, Set.of("DE"), "")), "PRODUCTION");
        return gtin;
    }

    private List<SerialNumber> units(String gtin, int quantity, LocalDate day) {
        return as("production", () -> {
            var batch = issuance.issue(new IssueBatchRequest(gtin, "B" + NEXT.incrementAndGet(), "DE-MUC", "L2", quantity,
                    day, null, "DE", null), null, true).batch();
            return issuance.serials(batch.id(), 0, quantity);
        }, "PRODUCTION");
    }

    private void event(SerialNumber serial, BusinessStep step, Disposition disposition, LocalDate on,
                       Map<String, String> references, UnitStatus status) {
        as("retail", () -> units.record(new NewLifecycleEvent(List.of(serial), EpcisEventType.OBJECT_EVENT, step,
                disposition, on.atTime(10, 0).toInstant(ZoneOffset.UTC), null, null,
                "urn:serial-registry:party:DIST-DE", null, references, status, null)), "DISTRIBUTOR");
    }

    private static final List<CoverageLine> BOILER_LINES = List.of(
            new CoverageLine(CoverageKind.TRAVEL, 6, CoverageStart.INSTALLATION),
            new CoverageLine(CoverageKind.PARTS, 24, CoverageStart.MANUFACTURE),
            new CoverageLine(CoverageKind.LABOUR, 12, CoverageStart.SALE));

    private WarrantyPolicyView boilerPolicy(String gtin) {
        return as("admin", () -> policies.addVersion(new NewPolicyVersion(gtin, LocalDate.of(2020, 1, 1), 0, null, 0,
                EnumSet.of(DefectCode.LEAK, DefectCode.MECHANICAL), EnumSet.noneOf(DefectCode.class), false, false, 2,
                "Boiler cover", BOILER_LINES)), Role.ADMIN_NAME);
    }

    /** One boiler product with the three-line policy and one batch made 14 months ago, shared by the tests. */
    private static String sharedBoiler;
    private static WarrantyPolicyView sharedPolicy;
    private static List<SerialNumber> madeFourteenMonthsAgo;
    private static int taken;

    private synchronized SerialNumber boilerUnit() {
        if (sharedBoiler == null) {
            sharedBoiler = boiler();
            sharedPolicy = boilerPolicy(sharedBoiler);
            madeFourteenMonthsAgo = units(sharedBoiler, 4, made);
        }
        return madeFourteenMonthsAgo.get(taken++);
    }

    @Test
    void eachLineRunsItsOwnTermFromItsOwnStartAndTheClaimIsJudgedByTheLinesThatStillPay() {
        var unit = boilerUnit();
        String gtin = sharedBoiler;
        var policy = sharedPolicy;
        assertThat(policy.lines()).extracting(CoverageLine::kind)
                .containsExactly(CoverageKind.PARTS, CoverageKind.LABOUR, CoverageKind.TRAVEL);
        assertThat(policy.partsCovered()).isTrue();
        assertThat(policy.labourCovered()).isTrue();
        event(unit, BusinessStep.RETAIL_SELLING, Disposition.RETAIL_SOLD, sold, Map.of("inv", "B-100"), UnitStatus.SUPPLIED);
        event(unit, BusinessStep.INSTALLING, Disposition.ACTIVE, installed, Map.of(), null);

        var cover = coverage.today(new Gtin(gtin), unit).orElseThrow();

        assertThat(cover.covered()).isTrue();
        assertThat(cover.lines()).extracting(LineCover::covered).containsExactly(true, false, true);
        assertThat(cover.explanation()).startsWith("Covered: ")
                .contains("parts until " + made.plusMonths(24).minusDays(1) + " (24 months from the production date " + made + ")")
                .contains("labour ended on " + sold.plusMonths(12).minusDays(1) + " (12 months from the retail sale date " + sold + ")")
                .contains("travel until " + installed.plusMonths(6).minusDays(1) + " (6 months from the installation date "
                        + installed + ")");
        assertThat(cover.until()).isEqualTo(made.plusMonths(24).minusDays(1));

        var claim = as("service", () -> claims.submit(new NewClaim(gtin, unit.value(), "LEAK", today.minusDays(1),
                "Bo Buyer", "bo@example.com", "Drips", null, "B-100"), ClaimChannel.PORTAL), Role.SERVICE_CENTER_NAME);
        assertThat(claim.claim().decision()).isEqualTo(ClaimDecision.APPROVED);
        assertThat(claim.checks()).filteredOn(c -> c.check() == ClaimCheck.WITHIN_TERM).singleElement()
                .satisfies(c -> assertThat(c.detail()).contains("is within cover: parts until").contains("labour ended on"));
        assertThat(claim.checks()).filteredOn(c -> c.check() == ClaimCheck.DEFECT_COVERED).singleElement()
                .satisfies(c -> assertThat(c.detail()).contains("pays parts and travel on " + today.minusDays(1)));
    }

    @Test
    void aUnitWhoseLinesHaveAllEndedOrNeverStartedIsDeniedNamingEachLine() {
        boilerUnit();
        String gtin = sharedBoiler;
        var old = units(gtin, 1, today.minusMonths(30)).getFirst();

        var claim = as("service", () -> claims.submit(new NewClaim(gtin, old.value(), "MECHANICAL", today.minusDays(1),
                "Old Owner", "old@example.com", null, null), ClaimChannel.PORTAL), Role.SERVICE_CENTER_NAME);

        assertThat(claim.claim().decision()).isEqualTo(ClaimDecision.DENIED);
        assertThat(claim.claim().decisionReasons()).contains("Within the warranty term failed")
                .contains("is outside every coverage line")
                .contains("parts ended on")
                .contains("labour ended on").contains("(no sale is recorded)")
                .contains("travel not started: no installation is recorded");
    }

    @Test
    void theEligibilityAnswerAndThePublicPageSayEachLine() throws Exception {
        var unit = boilerUnit();
        String gtin = sharedBoiler;
        event(unit, BusinessStep.RETAIL_SELLING, Disposition.RETAIL_SOLD, sold, Map.of("inv", "B-200"), UnitStatus.SUPPLIED);

        mvc.perform(get("/api/v1/warranty/eligibility").header("Authorization", SERVICE_KEY)
                        .param("gtin", gtin).param("serial", unit.value()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eligible").value(true))
                .andExpect(jsonPath("$.coverage.lines.length()").value(3))
                .andExpect(jsonPath("$.explanation").value(containsString("labour ended on")))
                .andExpect(jsonPath("$.explanation").value(containsString("travel not started: no installation is recorded")))
                .andExpect(jsonPath("$.explanation").value(containsString("This unit has had 0 claims; the policy allows 2")));

        mvc.perform(get("/01/" + gtin + "/21/" + unit.value()).accept(MediaType.TEXT_HTML).with(r -> {
                    r.setRemoteAddr("10.131.0." + NEXT.incrementAndGet() % 250);
                    return r;
                }))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        containsString("parts until " + made.plusMonths(24).minusDays(1))));
    }

    @Test
    void anAdminSystemAddsAVersionWithLinesByApiAndBadLinesAreNamedInOnePass() throws Exception {
        String gtin = boiler();

        mvc.perform(post("/api/v1/warranty-policies").header("Authorization", ADMIN_KEY)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"gtin":"%s","effectiveFrom":"2020-01-01","coveredDefects":["LEAK"],"claimLimit":2,
                                 "lines":[{"kind":"PARTS","termMonths":0,"start":"MANUFACTURE"},
                                          {"kind":"PARTS","termMonths":12,"start":"SALE"},
                                          {"kind":"TRAVEL","termMonths":6}]}""".formatted(gtin)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("lines"))
                .andExpect(jsonPath("$.detail").value(containsString("parts term is 1 to 240 months, not 0")))
                .andExpect(jsonPath("$.detail").value(containsString("parts is listed twice")))
                .andExpect(jsonPath("$.detail").value(containsString("travel needs a start")));

        mvc.perform(post("/api/v1/warranty-policies").header("Authorization", ADMIN_KEY)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"gtin":"%s","effectiveFrom":"2020-01-01","coveredDefects":["LEAK"],"claimLimit":2,
                                 "lines":[{"kind":"LABOUR","termMonths":12,"start":"REGISTRATION"},
                                          {"kind":"PARTS","termMonths":36,"start":"SALE"}]}""".formatted(gtin)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.termMonths").value(36))
                .andExpect(jsonPath("$.lines[0].kind").value("PARTS"))
                .andExpect(jsonPath("$.lines[1].start").value("REGISTRATION"));

        mvc.perform(get("/api/v1/warranty-policies").header("Authorization", SERVICE_KEY).param("gtin", gtin))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].lines.length()").value(2));
        mvc.perform(post("/api/v1/warranty-policies").header("Authorization", SERVICE_KEY)
                .contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isForbidden());
    }

    @Test
    void aRegistrationLineStartsOnTheDayTheOwnerRegisteredAndNotBefore() {
        String gtin = boiler();
        as("admin", () -> policies.addVersion(new NewPolicyVersion(gtin, LocalDate.of(2020, 1, 1), 0, null, 0,
                EnumSet.of(DefectCode.LEAK), EnumSet.noneOf(DefectCode.class), false, false, 2, null,
                List.of(new CoverageLine(CoverageKind.LABOUR, 12, CoverageStart.REGISTRATION)))), Role.ADMIN_NAME);
        var unit = units(gtin, 1, made).getFirst();
        assertThat(coverage.today(new Gtin(gtin), unit).orElseThrow().explanation())
                .startsWith("Not covered on " + today).contains("labour not started: nobody registered the unit");

        as("service", () -> owners.register(new NewRegistration(gtin, unit.value(), today.minusMonths(3), "Shop",
                "Rita Registered", "rita@example.com", null, null), RegistrationChannel.PORTAL), Role.SERVICE_CENTER_NAME);
        assertThat(coverage.today(new Gtin(gtin), unit).orElseThrow().explanation()).startsWith("Covered: ")
                .as("from the day of registration, not the purchase date it names")
                .contains("labour until " + today.plusMonths(12).minusDays(1) + " (12 months from the registration date " + today + ")");

        assertThatThrownBy(() -> as("admin", () -> policies.addVersion(new NewPolicyVersion(gtin, today.plusDays(1), 0,
                null, 0, EnumSet.of(DefectCode.LEAK), EnumSet.noneOf(DefectCode.class), false, false, 2, null,
                List.of(new CoverageLine(CoverageKind.LABOUR, 300, CoverageStart.SALE)))), Role.ADMIN_NAME))
                .hasMessage("lines: labour term is 1 to 240 months, not 300");
    }
}
