package org.serialregistry.verification;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.serialregistry.DemoApi;
import org.serialregistry.IntegrationTest;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A brand-protection dashboard reads the figures of the portal's scan statistics screen: scans, people,
 * forged and never-issued codes, scans per day and per country, for the last 30 days or the days it asks.
 */
@IntegrationTest
class ScanStatisticsApiTest extends DemoApi {

    /** A scan as the scan log writer stores it (codes that failed their check are not indexed by serial). */
    void scan(String at, String serial, ScanOutcome outcome, @Nullable String country, String session) {
        boolean failed = outcome == ScanOutcome.FORGED || outcome == ScanOutcome.MALFORMED;
        jdbc.update("insert into scan_record (id, scanned_at, gtin, serial, outcome, client_key, session_id, country, "
                        + "user_agent_class, unit_serial) values (?,?,?,?,?,?,?,?,?,?)", UUID.randomUUID(),
                OffsetDateTime.parse(at), "09506000134352", serial, outcome.name(), "k" + session, session, country,
                "mobile", failed ? null : serial);
    }

    @Test
    void theScreensFiguresComeForTheUtcDaysAsked() throws Exception {
        scan("2019-03-10T00:00:00Z", "ZZSTATAPI1", ScanOutcome.GENUINE, "NL", "stat-a");
        scan("2019-03-10T23:59:59Z", "ZZSTATAPI1", ScanOutcome.GENUINE, "NL", "stat-a"); // one person, twice
        scan("2019-03-11T08:00:00Z", "ZZSTATAPI2", ScanOutcome.FORGED, "BR", "stat-b");
        scan("2019-03-11T09:00:00Z", "ZZSTATAPI3", ScanOutcome.NOT_ISSUED, null, "stat-c");
        scan("2019-03-12T00:00:00Z", "ZZSTATAPI4", ScanOutcome.GENUINE, "DE", "stat-d"); // the day after
        scan("2019-03-09T23:59:59Z", "ZZSTATAPI5", ScanOutcome.FORGED, "DE", "stat-e"); // the day before

        mvc.perform(get("/api/v1/scans/statistics").param("from", "2019-03-10").param("to", "2019-03-11")
                        .header("Authorization", CHANNEL))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.from").value("2019-03-10"))
                .andExpect(jsonPath("$.to").value("2019-03-11"))
                .andExpect(jsonPath("$.scans").value(4))
                .andExpect(jsonPath("$.people").value(3))
                .andExpect(jsonPath("$.forged").value(1))
                .andExpect(jsonPath("$.notIssued").value(1))
                .andExpect(jsonPath("$.perDay.length()").value(2))
                .andExpect(jsonPath("$.perDay[0].day").value("2019-03-10"))
                .andExpect(jsonPath("$.perDay[0].scans").value(2))
                .andExpect(jsonPath("$.perDay[1].day").value("2019-03-11"))
                .andExpect(jsonPath("$.perDay[1].scans").value(2))
                .andExpect(jsonPath("$.perCountry.length()").value(3))
                .andExpect(jsonPath("$.perCountry[0].country").value("NL"))
                .andExpect(jsonPath("$.perCountry[0].scans").value(2))
                .andExpect(jsonPath("$.perCountry[1].country").value("BR"))
                .andExpect(jsonPath("$.perCountry[2].country").value("unknown"));
    }

    @Test
    void withoutDaysTheFiguresAreTheLast30DaysAsTheScreenShowsThem() throws Exception {
        var today = LocalDate.now(ZoneOffset.UTC);
        scan(OffsetDateTime.now(ZoneOffset.UTC).toString(), "ZZSTATAPI6", ScanOutcome.GENUINE, "NL", "stat-f");

        mvc.perform(get("/api/v1/scans/statistics").header("Authorization", FORENSICS))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.from").value(today.minusDays(29).toString()))
                .andExpect(jsonPath("$.to").value(today.toString()))
                .andExpect(jsonPath("$.perDay[?(@.day == '" + today + "')].scans").isNotEmpty())
                .andExpect(jsonPath("$.perCountry[?(@.country == 'NL')]").isNotEmpty());
    }

    @Test
    void wrongDaysAreNamedAndOnlyTheScreensRolesReadTheFigures() throws Exception {
        mvc.perform(get("/api/v1/scans/statistics").param("from", "2026-12-01T10:00:00Z").header("Authorization", CHANNEL))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("from"))
                .andExpect(jsonPath("$.detail").value(containsString("whole days")));
        mvc.perform(get("/api/v1/scans/statistics").param("from", "2026-12-03").param("to", "2026-12-01")
                        .header("Authorization", CHANNEL))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("to"));
        mvc.perform(get("/api/v1/scans/statistics").param("from", "2024-01-01").param("to", "2026-01-01")
                        .header("Authorization", CHANNEL))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("to"))
                .andExpect(jsonPath("$.detail").value(containsString("366 days")));
        mvc.perform(get("/api/v1/scans/statistics").header("Authorization", PRODUCTION)).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/scans/statistics").header("Authorization", DISTRIBUTOR)).andExpect(status().isForbidden());
        // the screen is for channel managers and forensic reviewers only (RouteAccessTest), the figures too
        mvc.perform(get("/api/v1/scans/statistics").header("Authorization", ADMIN)).andExpect(status().isForbidden());
    }
}
