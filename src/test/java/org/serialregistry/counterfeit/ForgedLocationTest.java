package org.serialregistry.counterfeit;

import java.time.Duration;
import java.util.List;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.counterfeit.internal.ScanSignalDetector;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import java.util.function.Supplier;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.serialregistry.counterfeit.ScanFixtures.PHONE;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Where a scan happened is evidence only when the network says so: a client's own headers count for
 * nothing unless it is our trusted proxy (the test profile trusts 10.20.0.0/16), and a location the
 * client typed in counts, but cannot raise a HIGH case alone.
 */
@IntegrationTest
class ForgedLocationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    AlertCases cases;
    @Autowired
    ScanSignalDetector detector;
    @Autowired
    JdbcTemplate jdbc;

    static MockHttpServletRequestBuilder scan(String serial, String from, int session) {
        return get("/01/" + PHONE + "/21/" + serial).with(r -> {
            r.setRemoteAddr(from);
            return r;
        }).cookie(new Cookie("sr_scan", ("forgedlocation" + session + "xxxxxxxxxxxx").substring(0, 22)));
    }

    /** Reads as an investigator would (MockMvc clears the thread's security context after each request). */
    static <T> T as(Supplier<T> read) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new TestingAuthenticationToken("forensics", "n/a", "ROLE_PRODUCTION", "ROLE_FORENSICS"));
        SecurityContextHolder.setContext(context);
        try {
            return read.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    List<String> countries(String serial, int expected) {
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from scan_record where serial = ?", Integer.class, serial) == expected);
        return jdbc.queryForList("select coalesce(country, '-') from scan_record where serial = ? order by scanned_at",
                String.class, serial);
    }

    @Test
    void fiveForgedCountryAndForwardedForHeadersFromAnAnonymousClientRaiseNothing() throws Exception {
        String serial = as(() -> ScanFixtures.issue(issuance, PHONE, "FORGE1", 1, "DE").getFirst().value());
        String[] forged = {"US", "JP", "AU", "BR", "CN"};
        for (int i = 0; i < forged.length; i++) {
            mvc.perform(scan(serial, "203.0.113.77", i).header("CF-IPCountry", forged[i])
                    .header("X-Forwarded-For", "198.51.100." + i));
        }
        assertThat(countries(serial, 5)).containsOnly("-");
        assertThat(jdbc.queryForObject("select count(distinct client_key) from scan_record where serial = ?",
                Integer.class, serial)).as("X-Forwarded-For from a client is not its address").isEqualTo(1);
        assertThat(detector.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(as(() -> cases.search(new CaseQuery(serial, null, SignalType.GEO_ANOMALY, 10)))).isEmpty();
    }

    @Test
    void countriesTypedInByTheClientAddToACaseButDoNotMakeItHigh() throws Exception {
        String serial = as(() -> ScanFixtures.issue(issuance, PHONE, "FORGE2", 1, "DE").getFirst().value());
        mvc.perform(scan(serial, "203.0.113.78", 10).param("country", "DE"));
        mvc.perform(scan(serial, "203.0.113.78", 11).param("country", "AU"));
        assertThat(countries(serial, 2)).containsExactly("DE", "AU");
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() ->
                !as(() -> cases.search(new CaseQuery(serial, null, SignalType.GEO_ANOMALY, 10))).isEmpty());
        var found = as(() -> cases.search(new CaseQuery(serial, null, SignalType.GEO_ANOMALY, 10))).getFirst();
        assertThat(found.severity()).isEqualTo(Severity.MEDIUM);
        var signal = as(() -> cases.find(found.id()).orElseThrow()).signals().stream()
                .filter(s -> s.type() == SignalType.GEO_ANOMALY).findFirst().orElseThrow();
        assertThat(signal.detail()).contains("given by the scanning client");
    }

    @Test
    void theTrustedProxysCountryHeaderStillRaisesAHighCase() throws Exception {
        String serial = as(() -> ScanFixtures.issue(issuance, PHONE, "FORGE3", 1, "DE").getFirst().value());
        mvc.perform(scan(serial, "10.20.250.1", 20).header("CF-IPCountry", "DE").header("X-Forwarded-For", "192.0.2.1"));
        mvc.perform(scan(serial, "10.20.250.1", 21).header("CF-IPCountry", "AU").header("X-Forwarded-For", "192.0.2.2"));
        assertThat(countries(serial, 2)).containsExactly("DE", "AU");
        assertThat(jdbc.queryForObject("select count(distinct client_key) from scan_record where serial = ?",
                Integer.class, serial)).as("behind our proxy, X-Forwarded-For is the client").isEqualTo(2);
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() ->
                !as(() -> cases.search(new CaseQuery(serial, null, SignalType.GEO_ANOMALY, 10))).isEmpty());
        assertThat(as(() -> cases.search(new CaseQuery(serial, null, SignalType.GEO_ANOMALY, 10))).getFirst().severity().high())
                .isTrue();
    }
}
