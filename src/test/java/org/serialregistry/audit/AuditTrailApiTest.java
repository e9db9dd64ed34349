package org.serialregistry.audit;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** An auditor's system reads and exports the audit trail through the API, filtered, with readable changes. */
@IntegrationTest
class AuditTrailApiTest {

    static final String ADMIN = "Bearer sr_demoadmn_AdminDemoKeyNotForProduction";

    @Autowired
    WebApplicationContext context;
    @Autowired
    AuditTrail audit;
    @Autowired
    PlatformTransactionManager transactions;

    MockMvc mvc;
    String actor;
    String shipment;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        actor = "auditor" + System.nanoTime();
        shipment = "SH-AUD-" + System.nanoTime();
        var ctx = SecurityContextHolder.createEmptyContext();
        ctx.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(actor, null,
                AuthorityUtils.createAuthorityList("ROLE_DISTRIBUTOR")));
        SecurityContextHolder.setContext(ctx);
        try {
            new TransactionTemplate(transactions).executeWithoutResult(s -> {
                audit.record("custody.received", "shipment", shipment, AuditTrail.state("status", "IN_TRANSIT"),
                        AuditTrail.state("status", "RECEIVED", "received", 9, "note", "=HYPERLINK(\"x\")"));
                audit.record("party.updated", "party", "DIST-XX", AuditTrail.state("name", "Old"),
                        AuditTrail.state("name", "New"));
            });
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void entriesAreFilteredByActorEntityAndActionWithTheChangeInWords() throws Exception {
        mvc.perform(get("/api/v1/audit").header("Authorization", ADMIN).param("actor", actor)
                        .param("entity", "shipment").param("action", "custody."))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].entityId").value(shipment))
                .andExpect(jsonPath("$.items[0].actor").value(actor))
                .andExpect(jsonPath("$.items[0].changes[0].field").value("status"))
                .andExpect(jsonPath("$.items[0].changes[0].before").value("IN_TRANSIT"))
                .andExpect(jsonPath("$.items[0].changes[0].after").value("RECEIVED"))
                .andExpect(jsonPath("$.items[0].changes[1].field").value("received"))
                .andExpect(jsonPath("$.items[0].changes[1].after").value("9"));
        mvc.perform(get("/api/v1/audit").header("Authorization", ADMIN).param("actor", actor))
                .andExpect(jsonPath("$.total").value(2));
        mvc.perform(get("/api/v1/audit").header("Authorization", ADMIN).param("actor", actor).param("entityId", "DIST-XX"))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].action").value("party.updated"));
    }

    @Test
    void entriesAreFilteredByTime() throws Exception {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        mvc.perform(get("/api/v1/audit").header("Authorization", ADMIN).param("actor", actor).param("from", today)
                        .param("to", today))
                .andExpect(jsonPath("$.total").value(2));
        mvc.perform(get("/api/v1/audit").header("Authorization", ADMIN).param("actor", actor).param("to", yesterday))
                .andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/v1/audit").header("Authorization", ADMIN).param("actor", actor)
                        .param("from", Instant.now().plusSeconds(3600).toString()))
                .andExpect(jsonPath("$.total").value(0));
    }

    @Test
    void badFiltersAreNamedTogether() throws Exception {
        mvc.perform(get("/api/v1/audit").header("Authorization", ADMIN).param("from", "last week").param("size", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("from"))
                .andExpect(jsonPath("$.detail").value(containsString("size: 1 to 500")));
        mvc.perform(get("/api/v1/audit/export").header("Authorization", ADMIN).param("format", "pdf"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("format"));
    }

    @Test
    void theCsvExportHasReadableTimesAndChanges() throws Exception {
        var response = mvc.perform(get("/api/v1/audit/export").header("Authorization", ADMIN).param("format", "csv")
                        .param("actor", actor).param("entity", "shipment"))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(response.getContentType()).startsWith("text/csv");
        String csv = response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        var lines = csv.split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).isEqualTo("\uFEFFEntry,When (UTC),Who,Action,Entity type,Entity,Changes,Before,After");
        assertThat(lines[1]).matches("\\d+," + LocalDate.now(ZoneOffset.UTC) + " \\d\\d:\\d\\d:\\d\\d," + actor
                + ",custody.received,shipment," + shipment + ",.*")
                .contains("status: IN_TRANSIT → RECEIVED; received: 9")
                .doesNotContain("{\"status\"")
                .contains("note: =HYPERLINK"); // inside a cell that starts with text: no formula
    }

    @Test
    void theExcelExportHoldsTheSameRows() throws Exception {
        byte[] xlsx = mvc.perform(get("/api/v1/audit/export").header("Authorization", ADMIN).param("format", "xlsx")
                        .param("actor", actor))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
            assertThat(sheet.getRow(0).getCell(6).getStringCellValue()).isEqualTo("Changes");
            assertThat(sheet.getRow(2).getCell(3).getStringCellValue()).isEqualTo("custody.received"); // newest first
            assertThat(sheet.getRow(1).getCell(6).getStringCellValue()).isEqualTo("name: Old → New");
        }
    }
}
