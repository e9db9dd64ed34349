package org.serialregistry.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.serialregistry.security.Role.ADMIN;
import static org.serialregistry.security.Role.CHANNEL;
import static org.serialregistry.security.Role.DISTRIBUTOR;
import static org.serialregistry.security.Role.FORENSICS;
import static org.serialregistry.security.Role.PRODUCTION;
import static org.serialregistry.security.Role.QUALITY;
import static org.serialregistry.security.Role.SERVICE_CENTER;
import static org.serialregistry.security.Role.WARRANTY;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * Generated from the handler mappings: every API endpoint (under /api/ or /epcis/) must have a
 * method-level {@code @PreAuthorize} and a row in {@link #RULES} saying which roles may call it. Each
 * endpoint is then called with each role's demo API key (README "Demo API keys"): an allowed role
 * must not get 403, any other must. A new endpoint without a row fails this test.
 *
 * <p>The sample requests bind (every required header, parameter and body present), so that the
 * role check is what answers, and are invalid or name nothing that exists, so that nothing is written.
 */
@IntegrationTest
class ApiAuthorizationMatrixTest {

    static final Map<Role, String> DEMO_KEYS = Map.of(
            ADMIN, "sr_demoadmn_AdminDemoKeyNotForProduction",
            PRODUCTION, "sr_demoprod_ProductionDemoKeyNotForProduction",
            QUALITY, "sr_demoqual_QualityDemoKeyNotForProduction",
            WARRANTY, "sr_demowarr_WarrantyDemoKeyNotForProduction",
            CHANNEL, "sr_demochan_ChannelDemoKeyNotForProduction",
            FORENSICS, "sr_demofors_ForensicsDemoKeyNotForProduction",
            SERVICE_CENTER, "sr_demosvce_ServiceDemoKeyNotForProduction",
            DISTRIBUTOR, "sr_demodist_DistributorDemoKeyNotForProduction");

    static final Set<Role> ALL = EnumSet.allOf(Role.class);
    static final Set<Role> CUSTODY_ACTORS = EnumSet.of(ADMIN, CHANNEL, PRODUCTION, DISTRIBUTOR, SERVICE_CENTER);
    static final String NO_BATCH = UUID.randomUUID().toString();

    record Rule(Set<Role> allowed, Supplier<AbstractMockHttpServletRequestBuilder<?>> request) {
    }

    static Rule rule(Set<Role> allowed, Supplier<AbstractMockHttpServletRequestBuilder<?>> request) {
        return new Rule(allowed, request);
    }

    static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder b, String body) {
        return b.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    /** Endpoint ("METHODS path [consumes]") to the roles that may call it and a sample request. */
    static final Map<String, Rule> RULES = new LinkedHashMap<>();

    static {
        RULES.put("POST /api/v1/serial-batches [application/json]", rule(EnumSet.of(ADMIN, PRODUCTION),
                () -> json(post("/api/v1/serial-batches").header("Idempotency-Key", "matrix"), "{}")));
        RULES.put("GET /api/v1/serial-batches/{id}", rule(EnumSet.of(ADMIN, PRODUCTION),
                () -> get("/api/v1/serial-batches/" + NO_BATCH)));
        RULES.put("GET /api/v1/serial-batches/{id}/serials", rule(EnumSet.of(ADMIN, PRODUCTION),
                () -> get("/api/v1/serial-batches/" + NO_BATCH + "/serials").param("format", "csv")));
        RULES.put("GET /api/v1/serials/{serial}", rule(ALL, () -> get("/api/v1/serials/ZZZZ")));
        RULES.put("GET /api/v1/serials/{serial}/label.png", rule(EnumSet.of(ADMIN, PRODUCTION),
                () -> get("/api/v1/serials/ZZZZ/label.png")));
        RULES.put("GET /api/v1/serials/{serial}/label.svg", rule(EnumSet.of(ADMIN, PRODUCTION),
                () -> get("/api/v1/serials/ZZZZ/label.svg")));
        RULES.put("GET /api/v1/lifecycle/chain-check", rule(EnumSet.of(ADMIN, PRODUCTION, QUALITY),
                () -> get("/api/v1/lifecycle/chain-check")));

        RULES.put("POST /api/v1/lifecycle/chain-check [application/json]", rule(EnumSet.of(ADMIN, PRODUCTION, QUALITY),
                () -> json(post("/api/v1/lifecycle/chain-check"), "{}")));
        RULES.put("GET /api/v1/audit/chain-check", rule(EnumSet.of(ADMIN), () -> get("/api/v1/audit/chain-check")));
        RULES.put("POST /api/v1/audit/chain-check [application/json]", rule(EnumSet.of(ADMIN),
                () -> json(post("/api/v1/audit/chain-check"), "{}")));
        RULES.put("GET /api/v1/checkpoints/{chain}/latest", rule(EnumSet.of(ADMIN),
                () -> get("/api/v1/checkpoints/no-such-chain/latest")));
        // signing every chain's head now writes checkpoints: only the administrator's call is made for real
        RULES.put("POST /api/v1/checkpoints", rule(EnumSet.of(ADMIN), () -> post("/api/v1/checkpoints")));

        RULES.put("GET /api/v1/products/{gtin}/second-factors", rule(EnumSet.of(ADMIN, PRODUCTION, FORENSICS),
                () -> get("/api/v1/products/00000000000000/second-factors")));
        RULES.put("PUT /api/v1/products/{gtin}/second-factors", rule(EnumSet.of(ADMIN, PRODUCTION),
                () -> json(put("/api/v1/products/00000000000000/second-factors"), "{\"factors\":[\"NOT-A-FACTOR\"]}")));
        RULES.put("POST /api/v1/nfc-tags", rule(EnumSet.of(ADMIN, PRODUCTION),
                () -> json(post("/api/v1/nfc-tags"), "{\"uid\":\"not hex\",\"serial\":\"ZZZZ\"}")));
        RULES.put("POST /api/v1/nfc-tags/import [multipart/form-data]", rule(EnumSet.of(ADMIN, PRODUCTION),
                () -> multipart("/api/v1/nfc-tags/import").file("file", new byte[] {1, 2, 3})));
        RULES.put("GET /api/v1/nfc-tags/{uid}/encoding", rule(EnumSet.of(ADMIN, PRODUCTION),
                () -> get("/api/v1/nfc-tags/00000000000000/encoding")));
        RULES.put("POST /api/v1/holograms", rule(EnumSet.of(ADMIN, PRODUCTION),
                () -> json(post("/api/v1/holograms"), "{}")));

        RULES.put("POST /api/v1/shipments", rule(CUSTODY_ACTORS, () -> json(post("/api/v1/shipments"), "{}")));
        RULES.put("POST /api/v1/shipments/{id}/receipt", rule(CUSTODY_ACTORS,
                () -> json(post("/api/v1/shipments/987654321/receipt"), "{\"serials\":[]}")));
        RULES.put("POST /api/v1/shipments/{id}/check", rule(CUSTODY_ACTORS,
                () -> json(post("/api/v1/shipments/987654321/check"), "{\"serials\":[]}")));
        RULES.put("POST /api/v1/shipments/{id}/receipt [multipart/form-data]", rule(CUSTODY_ACTORS,
                () -> multipart("/api/v1/shipments/987654321/receipt").file("file", new byte[] {1, 2, 3})));
        RULES.put("POST /api/v1/shipments/{id}/check [multipart/form-data]", rule(CUSTODY_ACTORS,
                () -> multipart("/api/v1/shipments/987654321/check").file("file", new byte[] {1, 2, 3})));
        RULES.put("GET /api/v1/shipments/{id}", rule(CUSTODY_ACTORS, () -> get("/api/v1/shipments/987654321")));
        RULES.put("GET /api/v1/shipments", rule(CUSTODY_ACTORS, () -> get("/api/v1/shipments").param("number", "NONE")));
        RULES.put("POST /api/v1/sales", rule(EnumSet.of(ADMIN, CHANNEL, DISTRIBUTOR, SERVICE_CENTER),
                () -> json(post("/api/v1/sales"), "{\"party\":\"NOWHERE\",\"serials\":[]}")));
        RULES.put("GET /api/v1/custody", rule(EnumSet.of(ADMIN, CHANNEL, DISTRIBUTOR, SERVICE_CENTER),
                () -> get("/api/v1/custody").param("holder", "NOWHERE")));
        RULES.put("GET /api/v1/custody/{serial}", rule(EnumSet.of(ADMIN, CHANNEL, FORENSICS, WARRANTY, SERVICE_CENTER,
                DISTRIBUTOR), () -> get("/api/v1/custody/ZZZZ")));
        RULES.put("GET /api/v1/diversion-alerts", rule(EnumSet.of(ADMIN, CHANNEL, FORENSICS),
                () -> get("/api/v1/diversion-alerts").param("limit", "1")));
        RULES.put("GET /api/v1/diversion-alerts/{id}", rule(EnumSet.of(ADMIN, CHANNEL, FORENSICS),
                () -> get("/api/v1/diversion-alerts/987654321")));
        RULES.put("POST /api/v1/diversion-alerts/{id}/status", rule(EnumSet.of(ADMIN, CHANNEL),
                () -> json(post("/api/v1/diversion-alerts/987654321/status"), "{\"status\":\"OPEN\",\"version\":0}")));

        RULES.put("POST /api/v1/warranty-claims", rule(EnumSet.of(ADMIN, WARRANTY, SERVICE_CENTER),
                () -> json(post("/api/v1/warranty-claims"), "{}")));
        RULES.put("GET /api/v1/warranty-claims/{number}", rule(EnumSet.of(ADMIN, WARRANTY, QUALITY, SERVICE_CENTER),
                () -> get("/api/v1/warranty-claims/WC-9999999")));
        RULES.put("POST /api/v1/warranty-claims/{number}/decision", rule(EnumSet.of(ADMIN, WARRANTY),
                () -> json(post("/api/v1/warranty-claims/WC-9999999/decision"), "{}")));
        RULES.put("POST /api/v1/warranty-claims/import [multipart/form-data]", rule(EnumSet.of(ADMIN, WARRANTY, SERVICE_CENTER),
                () -> multipart("/api/v1/warranty-claims/import").file("file", new byte[] {1, 2, 3})));
        RULES.put("POST /api/v1/warranty-claims/decisions", rule(EnumSet.of(ADMIN, WARRANTY),
                () -> json(post("/api/v1/warranty-claims/decisions"), "{}")));
        RULES.put("POST /api/v1/registrations", rule(EnumSet.of(ADMIN, WARRANTY, SERVICE_CENTER),
                () -> json(post("/api/v1/registrations"), "{}")));
        RULES.put("POST /api/v1/registrations [multipart/form-data]", rule(EnumSet.of(ADMIN, WARRANTY, SERVICE_CENTER),
                () -> multipart("/api/v1/registrations").param("gtin", "0").param("serial", "ZZZZ")
                        .param("purchaseDate", "2026-01-01").param("ownerName", "X").param("email", "x")));
        RULES.put("POST /api/v1/warranty-policies", rule(EnumSet.of(ADMIN),
                () -> json(post("/api/v1/warranty-policies"), "{}")));
        RULES.put("GET /api/v1/warranty-policies", rule(EnumSet.of(ADMIN, WARRANTY, SERVICE_CENTER),
                () -> get("/api/v1/warranty-policies").param("gtin", "0")));
        RULES.put("GET /api/v1/warranty/eligibility", rule(EnumSet.of(ADMIN, WARRANTY, SERVICE_CENTER),
                () -> get("/api/v1/warranty/eligibility").param("gtin", "0").param("serial", "ZZZZ")));
        RULES.put("GET /api/v1/warranty/coverage", rule(ALL,
                () -> get("/api/v1/warranty/coverage").param("gtin", "0").param("serial", "ZZZZ")));

        RULES.put("POST /api/v1/forensic-submissions [multipart/form-data]", rule(EnumSet.of(ADMIN, FORENSICS,
                SERVICE_CENTER, DISTRIBUTOR), () -> multipart("/api/v1/forensic-submissions").param("serial", "not a serial")));
        RULES.put("GET /api/v1/alert-cases", rule(EnumSet.of(ADMIN, CHANNEL, FORENSICS),
                () -> get("/api/v1/alert-cases").param("limit", "1")));
        RULES.put("GET /api/v1/alert-cases/{id}", rule(EnumSet.of(ADMIN, CHANNEL, FORENSICS),
                () -> get("/api/v1/alert-cases/987654321")));
        RULES.put("GET /api/v1/reports/custody", rule(EnumSet.of(ADMIN),
                () -> get("/api/v1/reports/custody").param("format", "nonsense")));
        RULES.put("POST /api/v1/verifications", rule(EnumSet.of(ADMIN, CHANNEL, DISTRIBUTOR, SERVICE_CENTER, WARRANTY,
                FORENSICS), () -> json(post("/api/v1/verifications"), "{\"items\":[]}")));
        RULES.put("POST /api/v1/verifications/workbook [multipart/form-data]", rule(EnumSet.of(ADMIN, CHANNEL, DISTRIBUTOR,
                SERVICE_CENTER, WARRANTY, FORENSICS), () -> multipart("/api/v1/verifications/workbook").file("file", new byte[] {1, 2, 3})));
        RULES.put("POST /api/v1/returns [application/json]", rule(EnumSet.of(ADMIN, SERVICE_CENTER),
                () -> json(post("/api/v1/returns"), "{\"lines\":[]}")));
        RULES.put("POST /api/v1/returns [multipart/form-data]", rule(EnumSet.of(ADMIN, SERVICE_CENTER),
                () -> multipart("/api/v1/returns").file("file", new byte[] {1, 2, 3}).param("fromParty", "NOWHERE")));
        RULES.put("GET /api/v1/returns/{rma}", rule(EnumSet.of(ADMIN, SERVICE_CENTER, QUALITY, DISTRIBUTOR),
                () -> get("/api/v1/returns/NO-SUCH-RMA")));
        RULES.put("GET /api/v1/returns/units/{serial}/disposition", rule(EnumSet.of(ADMIN, SERVICE_CENTER, QUALITY,
                DISTRIBUTOR), () -> get("/api/v1/returns/units/ZZZZ/disposition")));
        RULES.put("POST /api/v1/returns/lines/{id}/complete", rule(EnumSet.of(ADMIN, SERVICE_CENTER),
                () -> json(post("/api/v1/returns/lines/987654321/complete"), "{\"version\":0}")));
        RULES.put("POST /api/v1/returns/lines/{id}/override", rule(EnumSet.of(ADMIN, SERVICE_CENTER, QUALITY),
                () -> json(post("/api/v1/returns/lines/987654321/override"), "{\"version\":0}")));
        RULES.put("GET /api/v1/returns/disposition-rules", rule(EnumSet.of(ADMIN, SERVICE_CENTER, QUALITY),
                () -> get("/api/v1/returns/disposition-rules")));
        RULES.put("POST /api/v1/returns/disposition-rules", rule(EnumSet.of(ADMIN, QUALITY),
                () -> json(post("/api/v1/returns/disposition-rules"), "{}")));
        RULES.put("PUT /api/v1/returns/disposition-rules/{id}", rule(EnumSet.of(ADMIN, QUALITY),
                () -> json(put("/api/v1/returns/disposition-rules/987654321"), "{\"version\":0}")));
        RULES.put("GET /api/v1/units/{serial}/genealogy", rule(EnumSet.of(ADMIN, SERVICE_CENTER, QUALITY, WARRANTY),
                () -> get("/api/v1/units/ZZZZ/genealogy")));
        RULES.put("GET /api/v1/warranty/refurbishment-policies/{gtin}", rule(EnumSet.of(ADMIN, WARRANTY, SERVICE_CENTER,
                QUALITY), () -> get("/api/v1/warranty/refurbishment-policies/00000000000000")));
        RULES.put("PUT /api/v1/warranty/refurbishment-policies/{gtin}", rule(EnumSet.of(ADMIN, WARRANTY),
                () -> json(put("/api/v1/warranty/refurbishment-policies/00000000000000"), "{\"termMonths\":0}")));
        RULES.put("POST /api/v1/recalls", rule(EnumSet.of(ADMIN, QUALITY), () -> json(post("/api/v1/recalls"), "{}")));
        RULES.put("GET /api/v1/recalls", rule(EnumSet.of(ADMIN, QUALITY, WARRANTY, CHANNEL, SERVICE_CENTER),
                () -> get("/api/v1/recalls")));
        RULES.put("GET /api/v1/recalls/{number}", rule(EnumSet.of(ADMIN, QUALITY, WARRANTY, CHANNEL, SERVICE_CENTER),
                () -> get("/api/v1/recalls/RC-999999")));
        RULES.put("POST /api/v1/recalls/{number}/outcomes", rule(EnumSet.of(ADMIN, QUALITY, SERVICE_CENTER),
                () -> json(post("/api/v1/recalls/RC-999999/outcomes"), "{\"serials\":[],\"outcome\":\"RETURNED\"}")));
        RULES.put("POST /api/v1/recalls/{number}/close", rule(EnumSet.of(ADMIN, QUALITY),
                () -> json(post("/api/v1/recalls/RC-999999/close"), "{\"version\":0}")));
        RULES.put("POST /api/v1/recall-webhooks", rule(EnumSet.of(ADMIN),
                () -> json(post("/api/v1/recall-webhooks"), "{\"party\":\"NOWHERE\",\"url\":\"ftp://x\"}")));
        RULES.put("POST /api/v1/end-of-life/scrap [multipart/form-data]", rule(EnumSet.of(ADMIN, QUALITY, PRODUCTION,
                SERVICE_CENTER, DISTRIBUTOR), () -> multipart("/api/v1/end-of-life/scrap").param("serials", "ZZZZ")));
        RULES.put("POST /api/v1/end-of-life/archive [application/json]", rule(EnumSet.of(ADMIN, QUALITY, PRODUCTION),
                () -> json(post("/api/v1/end-of-life/archive"), "{\"serials\":[]}")));
        RULES.put("GET /api/v1/end-of-life/evidence/{id}", rule(EnumSet.of(ADMIN, QUALITY, PRODUCTION, FORENSICS),
                () -> get("/api/v1/end-of-life/evidence/987654321")));
        RULES.put("POST /api/v1/stolen-reports [application/json]", rule(ALL,
                () -> json(post("/api/v1/stolen-reports"), "{\"serials\":[]}")));
        RULES.put("POST /api/v1/lifecycle/events/{id}/undo [application/json]", rule(ALL,
                () -> json(post("/api/v1/lifecycle/events/987654321/undo"), "{\"reason\":\"matrix\"}")));
        RULES.put("POST /api/v1/lifecycle/events/{id}/error-declaration [application/json]", rule(EnumSet.of(ADMIN, QUALITY),
                () -> json(post("/api/v1/lifecycle/events/987654321/error-declaration"), "{\"reason\":\"matrix\"}")));
        RULES.put("GET /api/v1/me", rule(ALL, () -> get("/api/v1/me")));
        RULES.put("GET /api/v1/audit", rule(EnumSet.of(ADMIN), () -> get("/api/v1/audit").param("size", "0")));
        RULES.put("GET /api/v1/audit/export", rule(EnumSet.of(ADMIN),
                () -> get("/api/v1/audit/export").param("format", "nonsense")));
        RULES.put("POST /epcis/capture [application/json, application/ld+json]", rule(CUSTODY_ACTORS,
                () -> json(post("/epcis/capture"), "{}")));
        RULES.put("GET /epcis/capture/{id}", rule(CUSTODY_ACTORS, () -> get("/epcis/capture/" + NO_BATCH)));
        RULES.put("GET /epcis/events", rule(CUSTODY_ACTORS, () -> get("/epcis/events").param("perPage", "0")));
        // API parity (issue 14): every workspace action
        RULES.put("POST /api/v1/repairs", rule(EnumSet.of(ADMIN, SERVICE_CENTER), () -> json(post("/api/v1/repairs"), "{}")));
        RULES.put("GET /api/v1/repairs", rule(EnumSet.of(ADMIN, SERVICE_CENTER), () -> get("/api/v1/repairs")));
        RULES.put("GET /api/v1/warranty-claims/{number}/repairs", rule(EnumSet.of(ADMIN, SERVICE_CENTER, WARRANTY),
                () -> get("/api/v1/warranty-claims/WC-9999999/repairs")));
        RULES.put("GET /api/v1/rmas", rule(EnumSet.of(ADMIN, SERVICE_CENTER), () -> get("/api/v1/rmas")));
        RULES.put("POST /api/v1/rmas/{claimNumber}/take", rule(EnumSet.of(SERVICE_CENTER),
                () -> post("/api/v1/rmas/WC-9999999/take")));
        RULES.put("GET /api/v1/counterfeit-list", rule(EnumSet.of(ADMIN, FORENSICS, CHANNEL),
                () -> get("/api/v1/counterfeit-list")));
        RULES.put("POST /api/v1/counterfeit-list", rule(EnumSet.of(ADMIN, FORENSICS),
                () -> json(post("/api/v1/counterfeit-list"), "{}")));
        RULES.put("GET /api/v1/counterfeit-list/{serial}", rule(EnumSet.of(ADMIN, FORENSICS, CHANNEL),
                () -> get("/api/v1/counterfeit-list/ZZZZ")));
        RULES.put("POST /api/v1/counterfeit-list/{serial}/removal", rule(EnumSet.of(ADMIN, FORENSICS),
                () -> json(post("/api/v1/counterfeit-list/ZZZZ/removal"), "{\"reason\":\"matrix\"}")));
        RULES.put("GET /api/v1/forensic-submissions", rule(EnumSet.of(ADMIN, FORENSICS),
                () -> get("/api/v1/forensic-submissions")));
        RULES.put("GET /api/v1/forensic-submissions/{id}", rule(EnumSet.of(ADMIN, FORENSICS),
                () -> get("/api/v1/forensic-submissions/987654321")));
        RULES.put("GET /api/v1/forensic-submissions/{id}/pre-checks", rule(EnumSet.of(ADMIN, FORENSICS),
                () -> get("/api/v1/forensic-submissions/987654321/pre-checks")));
        RULES.put("GET /api/v1/forensic-submissions/photos/{photoId}", rule(EnumSet.of(ADMIN, FORENSICS),
                () -> get("/api/v1/forensic-submissions/photos/987654321")));
        RULES.put("GET /api/v1/forensic-submissions/{id}/checklist", rule(EnumSet.of(ADMIN, FORENSICS),
                () -> get("/api/v1/forensic-submissions/987654321/checklist")));
        RULES.put("PUT /api/v1/forensic-submissions/{id}/checklist", rule(EnumSet.of(ADMIN, FORENSICS),
                () -> json(put("/api/v1/forensic-submissions/987654321/checklist"), "{\"entries\":[]}")));
        RULES.put("GET /api/v1/forensic-submissions/{id}/verdicts", rule(EnumSet.of(ADMIN, FORENSICS),
                () -> get("/api/v1/forensic-submissions/987654321/verdicts")));
        RULES.put("POST /api/v1/forensic-submissions/{id}/verdicts", rule(EnumSet.of(ADMIN, FORENSICS),
                () -> json(post("/api/v1/forensic-submissions/987654321/verdicts"), "{}")));
        RULES.put("GET /api/v1/quality/alerts", rule(EnumSet.of(ADMIN, QUALITY), () -> get("/api/v1/quality/alerts")));
        RULES.put("POST /api/v1/quality/alerts/{id}/acknowledgement", rule(EnumSet.of(ADMIN, QUALITY),
                () -> json(post("/api/v1/quality/alerts/987654321/acknowledgement"), "{\"version\":0,\"notes\":\"matrix\"}")));
        RULES.put("GET /api/v1/quality/thresholds", rule(EnumSet.of(ADMIN, QUALITY), () -> get("/api/v1/quality/thresholds")));
        RULES.put("PUT /api/v1/quality/thresholds/{gtin}", rule(EnumSet.of(ADMIN, QUALITY),
                () -> json(put("/api/v1/quality/thresholds/00000000000000"), "{}")));
        RULES.put("GET /api/v1/quality/lot-rates", rule(EnumSet.of(ADMIN, QUALITY), () -> get("/api/v1/quality/lot-rates")));
        RULES.put("GET /api/v1/quality/lot-rates/export", rule(EnumSet.of(ADMIN, QUALITY),
                () -> get("/api/v1/quality/lot-rates/export").param("format", "nonsense")));
        RULES.put("GET /api/v1/quality/alerts/export", rule(EnumSet.of(ADMIN, QUALITY),
                () -> get("/api/v1/quality/alerts/export").param("format", "nonsense")));
        RULES.put("GET /api/v1/quality/claims-per-week", rule(EnumSet.of(ADMIN, QUALITY),
                () -> get("/api/v1/quality/claims-per-week").param("weeks", "0")));
        RULES.put("GET /api/v1/quality/claims-per-week/export", rule(EnumSet.of(ADMIN, QUALITY),
                () -> get("/api/v1/quality/claims-per-week/export").param("format", "nonsense")));
        RULES.put("GET /api/v1/quality/rates/export", rule(EnumSet.of(ADMIN, QUALITY),
                () -> get("/api/v1/quality/rates/export").param("dimension", "nonsense")));
        RULES.put("GET /api/v1/quality/thresholds/export", rule(EnumSet.of(ADMIN, QUALITY),
                () -> get("/api/v1/quality/thresholds/export").param("format", "nonsense")));
        RULES.put("GET /api/v1/quality/claims/export", rule(EnumSet.of(ADMIN, QUALITY),
                () -> get("/api/v1/quality/claims/export").param("defect", "nonsense")));
        RULES.put("GET /api/v1/quality/rates", rule(EnumSet.of(ADMIN, QUALITY),
                () -> get("/api/v1/quality/rates").param("dimension", "nonsense")));
        RULES.put("GET /api/v1/products", rule(ALL, () -> get("/api/v1/products").param("size", "1")));
        RULES.put("GET /api/v1/products/{gtin}", rule(ALL, () -> get("/api/v1/products/00000000000000")));
        RULES.put("POST /api/v1/products [application/json]", rule(EnumSet.of(ADMIN, PRODUCTION),
                () -> json(post("/api/v1/products"), "{}")));
        RULES.put("POST /api/v1/products/import [multipart/form-data]", rule(EnumSet.of(ADMIN, PRODUCTION),
                () -> multipart("/api/v1/products/import").file("file", new byte[] {1, 2, 3})));
        RULES.put("GET /api/v1/facilities", rule(ALL, () -> get("/api/v1/facilities")));
        RULES.put("GET /api/v1/facilities/{code}", rule(ALL, () -> get("/api/v1/facilities/NOWHERE")));
        RULES.put("POST /api/v1/facilities", rule(EnumSet.of(ADMIN, PRODUCTION), () -> json(post("/api/v1/facilities"), "{}")));
        RULES.put("POST /api/v1/facilities/{code}/lines", rule(EnumSet.of(ADMIN, PRODUCTION),
                () -> json(post("/api/v1/facilities/NOWHERE/lines"), "{}")));
        RULES.put("GET /api/v1/warranty-claims", rule(EnumSet.of(ADMIN, WARRANTY, QUALITY),
                () -> get("/api/v1/warranty-claims").param("size", "1")));
        RULES.put("POST /api/v1/warranty-claims/{number}/assignment", rule(EnumSet.of(ADMIN, WARRANTY),
                () -> json(post("/api/v1/warranty-claims/WC-9999999/assignment"), "{}")));
        RULES.put("POST /api/v1/warranty-claims/{number}/close", rule(EnumSet.of(ADMIN, WARRANTY, SERVICE_CENTER),
                () -> json(post("/api/v1/warranty-claims/WC-9999999/close"), "{\"version\":0}")));
        RULES.put("GET /api/v1/ownership-conflicts", rule(EnumSet.of(ADMIN, WARRANTY), () -> get("/api/v1/ownership-conflicts")));
        RULES.put("POST /api/v1/ownership-conflicts/{id}/resolution", rule(EnumSet.of(ADMIN, WARRANTY),
                () -> json(post("/api/v1/ownership-conflicts/987654321/resolution"), "{}")));
        RULES.put("POST /api/v1/ownership-transfers", rule(EnumSet.of(ADMIN, WARRANTY, SERVICE_CENTER),
                () -> json(post("/api/v1/ownership-transfers"), "{\"serial\":\"not a serial\"}")));
        RULES.put("GET /api/v1/users", rule(EnumSet.of(ADMIN), () -> get("/api/v1/users")));
        RULES.put("POST /api/v1/users", rule(EnumSet.of(ADMIN), () -> json(post("/api/v1/users"), "{}")));
        RULES.put("PUT /api/v1/users/{id}", rule(EnumSet.of(ADMIN), () -> json(put("/api/v1/users/987654321"), "{}")));
        RULES.put("POST /api/v1/users/{id}/enabled", rule(EnumSet.of(ADMIN),
                () -> json(post("/api/v1/users/987654321/enabled"), "{}")));
        RULES.put("POST /api/v1/users/{id}/password", rule(EnumSet.of(ADMIN),
                () -> json(post("/api/v1/users/987654321/password"), "{}")));
        RULES.put("GET /api/v1/api-keys", rule(EnumSet.of(ADMIN), () -> get("/api/v1/api-keys")));
        RULES.put("POST /api/v1/api-keys", rule(EnumSet.of(ADMIN), () -> json(post("/api/v1/api-keys"), "{}")));
        RULES.put("POST /api/v1/api-keys/{id}/revocation", rule(EnumSet.of(ADMIN),
                () -> post("/api/v1/api-keys/987654321/revocation")));
        RULES.put("POST /api/v1/alert-cases/{id}/state", rule(EnumSet.of(ADMIN, CHANNEL, FORENSICS),
                () -> json(post("/api/v1/alert-cases/987654321/state"), "{\"state\":\"INVESTIGATING\",\"note\":\"matrix\"}")));
        RULES.put("POST /api/v1/alert-cases/{id}/assignment", rule(EnumSet.of(ADMIN, CHANNEL, FORENSICS),
                () -> json(post("/api/v1/alert-cases/987654321/assignment"), "{}")));
        RULES.put("POST /api/v1/alert-cases/{id}/notes", rule(EnumSet.of(ADMIN, CHANNEL, FORENSICS),
                () -> json(post("/api/v1/alert-cases/987654321/notes"), "{\"note\":\"matrix\"}")));
        RULES.put("GET /api/v1/detection-thresholds", rule(EnumSet.of(ADMIN, CHANNEL, FORENSICS),
                () -> get("/api/v1/detection-thresholds")));
        RULES.put("PUT /api/v1/detection-thresholds/{category}", rule(EnumSet.of(ADMIN),
                () -> json(put("/api/v1/detection-thresholds/NOTHING"), "{}")));
        RULES.put("GET /api/v1/parties", rule(EnumSet.of(ADMIN, CHANNEL), () -> get("/api/v1/parties")));
        RULES.put("POST /api/v1/parties", rule(EnumSet.of(ADMIN, CHANNEL), () -> json(post("/api/v1/parties"), "{}")));
        RULES.put("PUT /api/v1/parties/{code}", rule(EnumSet.of(ADMIN, CHANNEL),
                () -> json(put("/api/v1/parties/NOWHERE"), "{\"version\":0}")));
        RULES.put("POST /api/v1/parties/{code}/users", rule(EnumSet.of(ADMIN, CHANNEL),
                () -> json(post("/api/v1/parties/NOWHERE/users"), "{\"username\":\"matrix\"}")));
        RULES.put("POST /api/v1/parties/{code}/users/{username}/removal", rule(EnumSet.of(ADMIN, CHANNEL),
                () -> post("/api/v1/parties/NOWHERE/users/matrix/removal")));
        RULES.put("GET /api/v1/scans", rule(EnumSet.of(ADMIN, CHANNEL, FORENSICS),
                () -> get("/api/v1/scans").param("serial", "ZZZZ")));
        RULES.put("GET /api/v1/scans/statistics", rule(EnumSet.of(CHANNEL, FORENSICS),
                () -> get("/api/v1/scans/statistics").param("from", "2019-01-01").param("to", "2019-01-01")));
        RULES.put("GET /api/v1/units/{serial}/service-history", rule(EnumSet.of(ADMIN, SERVICE_CENTER),
                () -> get("/api/v1/units/ZZZZ/service-history")));
        RULES.put("GET /api/v1/parties/market-exceptions", rule(EnumSet.of(ADMIN, CHANNEL),
                () -> get("/api/v1/parties/market-exceptions")));
        RULES.put("PUT /api/v1/parties/market-exceptions/{gtin}", rule(EnumSet.of(ADMIN, CHANNEL),
                () -> json(put("/api/v1/parties/market-exceptions/123"), "{\"markets\":[]}")));
        // the fallback: every unknown API path answers 404 to any caller
        RULES.put("ANY /api/**", rule(ALL, () -> get("/api/v1/no-such-resource")));
    }

    @Autowired
    WebApplicationContext context;

    /** Every API endpoint the application maps, as "METHODS path [consumes]", with its handler. */
    Map<String, HandlerMethod> apiEndpoints() {
        var endpoints = new LinkedHashMap<String, HandlerMethod>();
        for (var mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
                var info = e.getKey();
                var methods = info.getMethodsCondition().getMethods().isEmpty() ? "ANY"
                        : String.join(",", new TreeSet<>(info.getMethodsCondition().getMethods().stream().map(Enum::name).toList()));
                var consumes = info.getConsumesCondition().getConsumableMediaTypes();
                for (String path : info.getPatternValues()) {
                    if (path.startsWith("/api/") || path.startsWith("/epcis/")) {
                        endpoints.put(methods + " " + path + (consumes.isEmpty() ? ""
                                : " " + consumes.stream().map(MediaType::toString).sorted().toList()), e.getValue());
                    }
                }
            }
        }
        return endpoints;
    }

    @Test
    void everyApiEndpointHasAMethodLevelRuleAndARowInTheTable() {
        var endpoints = apiEndpoints();
        assertThat(endpoints).as("the API's endpoints were found").hasSizeGreaterThan(20);
        var withoutAnnotation = endpoints.entrySet().stream()
                .filter(e -> !AnnotatedElementUtils.hasAnnotation(e.getValue().getMethod(), PreAuthorize.class))
                .map(Map.Entry::getKey).toList();
        assertThat(withoutAnnotation).as("endpoints without a method-level @PreAuthorize").isEmpty();
        assertThat(endpoints.keySet()).as("endpoints without a row in ApiAuthorizationMatrixTest.RULES")
                .isSubsetOf(RULES.keySet());
        assertThat(RULES.keySet()).as("rows of RULES for endpoints that no longer exist")
                .isSubsetOf(endpoints.keySet());
    }

    @Test
    void eachRoleKeyIsRefusedExactlyWhereTheTableSays() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        var wrong = new ArrayList<String>();
        for (String endpoint : apiEndpoints().keySet()) {
            var rule = RULES.get(endpoint);
            if (rule == null) {
                continue; // reported by the test above
            }
            for (Role role : Role.values()) {
                int status = mvc.perform(rule.request().get().header("Authorization", "Bearer " + DEMO_KEYS.get(role)))
                        .andReturn().getResponse().getStatus();
                boolean allowed = rule.allowed().contains(role);
                if (allowed ? status == 403 || status == 401 || status >= 500 : status != 403) {
                    wrong.add(endpoint + " as " + role + ": " + status + " (" + (allowed ? "allowed" : "refused")
                            + " in the table)");
                }
            }
        }
        assertThat(wrong).as("answers that disagree with the table").isEmpty();
    }
}
