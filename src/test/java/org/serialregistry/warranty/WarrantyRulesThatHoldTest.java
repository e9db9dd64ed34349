package org.serialregistry.warranty;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.security.Role;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.Disposition;
import org.serialregistry.serial.EpcisEventType;
import org.serialregistry.serial.NewLifecycleEvent;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.SerialNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.serialregistry.warranty.WarrantyTestUnits.PHONE;
import static org.serialregistry.warranty.WarrantyTestUnits.as;
import static org.serialregistry.warranty.WarrantyTestUnits.phones;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Warranty rules that hold (issue 13): a stranger's claim on a unit that never left the factory is
 * never approved by itself, the claimant must match the owner or the seller's record, and the
 * eligibility check counts earlier claims against the policy's limit.
 */
@IntegrationTest
class WarrantyRulesThatHoldTest {

    static final String SERVICE_KEY = "Bearer sr_demosvce_ServiceDemoKeyNotForProduction";

    @Autowired
    ClaimIntake claims;
    @Autowired
    OwnershipRegistry owners;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    Units units;
    @Autowired
    WebApplicationContext context;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    /** One batch for the whole class (the suite reads the newest batches): each test takes its own unit of it. */
    private static List<SerialNumber> pool;
    private static int taken;

    private synchronized SerialNumber freshUnit() {
        if (pool == null) {
            pool = phones(issuance, 10, LocalDate.now().minusDays(40));
        }
        return pool.get(taken++);
    }

    private ResultActions postClaim(String json) throws Exception {
        return mvc.perform(post("/api/v1/warranty-claims").header("Authorization", SERVICE_KEY)
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private ResultActions eligibilityOf(SerialNumber unit) throws Exception {
        return mvc.perform(get("/api/v1/warranty/eligibility").header("Authorization", SERVICE_KEY)
                .param("gtin", PHONE).param("serial", unit.value()));
    }

    private ClaimResult claim(SerialNumber serial, String defect, String name, String email) {
        return as("service", () -> claims.submit(new NewClaim(PHONE, serial.value(), defect, LocalDate.now().minusDays(1),
                name, email, "Stopped working", null), ClaimChannel.PORTAL), Role.SERVICE_CENTER_NAME);
    }

    private void sell(SerialNumber serial, String receipt) {
        as("retail", () -> units.record(new NewLifecycleEvent(List.of(serial), EpcisEventType.OBJECT_EVENT,
                BusinessStep.RETAIL_SELLING, Disposition.RETAIL_SOLD,
                LocalDate.now().minusDays(10).atTime(11, 0).toInstant(ZoneOffset.UTC), null, null,
                "urn:serial-registry:party:DIST-DE", null, Map.of("inv", receipt), UnitStatus.SUPPLIED, null)),
                "DISTRIBUTOR");
    }

    private void register(SerialNumber serial, String name, String email) {
        WarrantyTestUnits.owned(owners, serial, name, email);
    }

    @Test
    void aStrangersClaimOnAUnitThatNeverLeftTheFactoryGoesToReviewWithTheReasonInTheChecks() {
        var unit = freshUnit();

        var result = claim(unit, "DISPLAY", "Sam Stranger", "sam@example.com");

        assertThat(result.claim().decision()).isEqualTo(ClaimDecision.NEEDS_REVIEW);
        assertThat(result.claim().rmaNumber()).as("no RMA without a person's decision").isNull();
        assertThat(result.claim().decisionReasons()).contains("unit never sold or registered");
        assertThat(result.checks()).filteredOn(c -> !c.passed()).extracting(CheckResult::detail)
                .anySatisfy(d -> assertThat(d).contains("unit never sold or registered"));
    }

    @Test
    void aStrangersClaimByApiOnAUnitNeverSoldOrRegisteredGetsNoRmaNumber() throws Exception {
        var unit = freshUnit();

        postClaim("""
                {"gtin":"%s","serial":"%s","defectCode":"BATTERY","claimantName":"Sam Stranger",
                 "claimantEmail":"sam@example.com","externalReference":"STRANGER-%s"}""".formatted(PHONE, unit.value(), unit.value()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.decision").value("NEEDS_REVIEW"))
                .andExpect(jsonPath("$.state").value("NEEDS_REVIEW"))
                .andExpect(jsonPath("$.rmaNumber").doesNotExist())
                .andExpect(jsonPath("$.checks[?(@.passed == false)].detail",
                        hasItem(containsString("unit never sold or registered"))));
    }

    @Test
    void onASoldButUnregisteredUnitAClaimantWithoutTheSellersReceiptGoesToReview() {
        var unit = freshUnit();
        sell(unit, "INV-4711");

        var stranger = claim(unit, "DISPLAY", "Sam Stranger", "sam@example.com");

        assertThat(stranger.claim().decision()).isEqualTo(ClaimDecision.NEEDS_REVIEW);
        assertThat(stranger.claim().decisionReasons()).contains("does not match the seller's record");
        assertThat(stranger.checks()).filteredOn(c -> c.check() == ClaimCheck.CLAIMANT_IS_OWNER).singleElement()
                .satisfies(c -> assertThat(c.detail()).doesNotContain("INV-4711"));
    }

    @Test
    void onASoldButUnregisteredUnitTheBuyerWithTheSellersReceiptNumberIsApproved() throws Exception {
        var unit = freshUnit();
        sell(unit, "INV-4712");

        postClaim("""
                {"gtin":"%s","serial":"%s","defectCode":"BATTERY","claimantName":"Bea Buyer",
                 "claimantEmail":"bea@example.com","purchaseReceipt":"inv-4712"}""".formatted(PHONE, unit.value()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.decision").value("APPROVED"))
                .andExpect(jsonPath("$.rmaNumber").exists())
                .andExpect(jsonPath("$.checks[?(@.check == 'CLAIMANT_IS_OWNER')].detail",
                        hasItem(containsString("the claimant holds the receipt DIST-DE recorded"))));
    }

    @Test
    void aRegisteredUnitsClaimFromSomeoneOtherThanTheOwnerGoesToReview() {
        var unit = freshUnit();
        register(unit, "Olga Owner", "olga@example.com");

        var stranger = claim(unit, "DISPLAY", "Sam Stranger", "sam@example.com");
        var owner = claim(unit, "BATTERY", "Olga Owner", "olga@example.com");

        assertThat(stranger.claim().decision()).isEqualTo(ClaimDecision.NEEDS_REVIEW);
        assertThat(stranger.claim().decisionReasons()).contains("is not the registered owner");
        assertThat(owner.claim().decision()).isEqualTo(ClaimDecision.APPROVED);
    }

    @Test
    void theEligibilityCheckCountsEarlierClaimsAgainstTheLimitInWords() throws Exception {
        var unit = freshUnit();
        register(unit, "Olga Owner", "olga@example.com");
        for (String defect : List.of("DISPLAY", "BATTERY", "POWER")) {
            assertThat(claim(unit, defect, "Olga Owner", "olga@example.com").claim().decision())
                    .isEqualTo(ClaimDecision.APPROVED);
        }

        eligibilityOf(unit)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eligible").value(false))
                .andExpect(jsonPath("$.claims").value(3))
                .andExpect(jsonPath("$.claimLimit").value(3))
                .andExpect(jsonPath("$.explanation").value(containsString(
                        "This unit has had 3 claims; the policy allows 3; a fourth is not covered")));
    }

    @Test
    void theEligibilityCheckSaysHowManyClaimsAreLeft() throws Exception {
        var unit = freshUnit();
        register(unit, "Olga Owner", "olga@example.com");
        claim(unit, "DISPLAY", "Olga Owner", "olga@example.com");

        eligibilityOf(unit)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eligible").value(true))
                .andExpect(jsonPath("$.explanation").value(containsString(
                        "This unit has had 1 claim; the policy allows 3; a second is within the limit")));
    }
}
