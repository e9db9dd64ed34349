package org.serialregistry.hardening;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.serialregistry.serial.SerialIssuance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an attacker sends to the public routes, over a real port to the real embedded Tomcat (MockMvc
 * skips the container, where broken %-encoding and header bytes fail): each answer is a clean 4xx.
 */
// rate limits raised: the property test sends over a thousand requests from one address and should
// reach the controllers, not the limiter
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "serial-registry.verification.rate-limit-burst=1000000", "serial-registry.verification.rate-limit-per-minute=1000000"})
@ActiveProfiles("test")
class HostileRequestsTest {

    static final String PHONE = "09506000134352";

    @LocalServerPort
    int port;
    @Autowired
    SerialIssuance issuance;

    RawHttp http;
    String link;

    @BeforeEach
    void setUp() {
        http = new RawHttp(port);
        var batch = issuance.latestBatches(100_000).stream().filter(b -> b.lot().equals("A2611")).findFirst().orElseThrow();
        link = "/01/" + PHONE + "/21/" + issuance.serials(batch.id(), 0, 10).get(6).value();
    }

    static Map<String, byte[]> headers(String... pairs) {
        var map = new LinkedHashMap<String, byte[]>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return map;
    }

    static void assertClean(RawHttp.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isBetween(400, 499);
        assertThat(answer.body()).doesNotContain("Exception", "org.springframework", "org.apache", "at java.",
                "org.serialregistry", "SQL");
    }

    @ParameterizedTest(name = "broken %-encoding in {0} answers 400")
    @ValueSource(strings = {"?country=%zz", "?linkType=%", "?lat=%E0%A4%A", "?x=%u0041"})
    void brokenPercentEncodingInAQueryParameterIsAClientError(String query) throws Exception {
        assertClean(http.get(link + query));
        assertClean(http.get("/api/public/v1/nothing" + query));
    }

    /**
     * Found by the generated requests (seed 70672591998645): a parameter name that decodes to a control
     * character (%0D) passes Tomcat, and Spring Security's firewall throws when a controller reads it;
     * the public page answered 503 and logged a stack trace at ERROR.
     */
    @ParameterizedTest(name = "a control character in a parameter name ({0}) is a client error on every route")
    @CsvSource({"GET,LINK", "POST,LINK", "GET,/api/public/v1/verify", "POST,/api/v1/verifications", "POST,/login",
            "GET,/login", "GET,/actuator/health"})
    void aControlCharacterInAParameterNameIsAClientError(String method, String path) throws Exception {
        String target = path.equals("LINK") ? link : path;
        var inQuery = http.send(method, target + "?format=x&+%0D:2;;&a%01=b", headers(), new byte[0]);
        assertThat(inQuery.status()).as("%s %s with %%0D in a query name: %s", method, target, inQuery.body()).isBetween(400, 499);
        if (method.equals("POST")) {
            var inBody = http.send(method, target, headers("Content-Type", "application/x-www-form-urlencoded"),
                    "linkType=x&%0D%0Aname=1".getBytes(StandardCharsets.US_ASCII));
            assertThat(inBody.status()).as("%s %s with %%0D in a body name: %s", method, target, inBody.body()).isLessThan(500);
            assertThat(inBody.body()).doesNotContain("Exception", "org.springframework", "org.apache");
        }
    }

    @Test
    void nonAsciiUserAgentAndCountryHeadersAreReadWithoutFailing() throws Exception {
        var answer = http.send("GET", link, headers("User-Agent", "Mozilla/5.0 (Ünïcödé 漢字)", "CF-IPCountry", "DÉ"),
                new byte[0]);
        assertThat(answer.status()).isEqualTo(200);
        var json = http.send("GET", link, headers("Accept", "application/json", "User-Agent", "\u00ff\u00fe",
                "CF-IPCountry", "ü"), new byte[0]);
        assertThat(json.status()).isEqualTo(200);
    }

    @Test
    void aMalformedMultipartRegistrationIsRefusedAs400() throws Exception {
        byte[] body = "--x\r\nContent-Disposition: form-data; name=\"linkType\"\r\n\r\ngs1:regis".getBytes(StandardCharsets.UTF_8);
        assertClean(http.send("POST", link, headers("Content-Type", "multipart/form-data; boundary=x"), body));
        assertClean(http.send("POST", link, headers("Content-Type", "multipart/form-data"), body));
    }

    /** Found by the generated requests: a GET that claims a multipart body without a boundary answered 500. */
    @ParameterizedTest(name = "{0} {1} claiming a broken multipart body is not a server error")
    @CsvSource({"GET,/actuator/health", "GET,/login", "GET,/api/public/v1/verify", "POST,/api/v1/verifications",
            "GET,/webjars/", "GET,/error"})
    void aBrokenMultipartContentTypeOnAnyRouteIsNotAServerError(String method, String path) throws Exception {
        for (String type : List.of("multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=x")) {
            var answer = http.send(method, path, headers("Content-Type", type, "X-Requested-With", "same-origin"), new byte[0]);
            assertThat(answer.status()).as("%s %s with Content-Type %s: %s", method, path, type, answer.body()).isLessThan(500);
            assertThat(answer.body()).doesNotContain("Exception", "org.springframework", "org.apache");
        }
    }

    /** Found by the generated requests: a browser asking for a missing static file got Spring's Whitelabel page. */
    @Test
    void aMissingStaticFileAnswersAPlainPageNotTheFrameworksOwn() throws Exception {
        var answer = http.send("GET", "/webjars/no-such-file.js", headers("Accept", "text/html"), new byte[0]);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).contains("There is nothing at this address").doesNotContain("Whitelabel", "/error");
    }

    @Test
    void anAnonymousRequestOverOneMegabyteIsRefusedAs413() throws Exception {
        byte[] urlencoded = new byte[2 * 1024 * 1024 + 10];
        Arrays.fill(urlencoded, (byte) 'a');
        urlencoded[0] = 'x';
        urlencoded[1] = '=';
        var answer = http.send("POST", link, headers("Content-Type", "application/x-www-form-urlencoded"), urlencoded);
        assertClean(answer);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("1 MB");

        byte[] multipart = new byte[1024 * 1024 + 100];
        Arrays.fill(multipart, (byte) 'b');
        var big = http.send("POST", link, headers("Content-Type", "multipart/form-data; boundary=x"), multipart);
        assertThat(big.status()).isEqualTo(413);
    }

    @Test
    void theErrorPathAnswers404NotAServerError() throws Exception {
        var answer = http.get("/error");
        assertClean(answer);
        assertThat(answer.status()).isEqualTo(404);
    }

    @Test
    void aCrossOriginRegistrationPostIsRefused() throws Exception {
        byte[] form = "linkType=gs1%3AregisterProduct&purchaseDate=2026-01-02".getBytes(StandardCharsets.UTF_8);
        var foreign = http.send("POST", link, headers("Content-Type", "application/x-www-form-urlencoded",
                "Origin", "https://evil.example"), form);
        assertClean(foreign);
        assertThat(foreign.status()).isEqualTo(403);
        var crossSite = http.send("POST", link, headers("Content-Type", "application/x-www-form-urlencoded",
                "Sec-Fetch-Site", "cross-site"), form);
        assertThat(crossSite.status()).isEqualTo(403);
        var sameOrigin = http.send("POST", link, headers("Content-Type", "application/x-www-form-urlencoded",
                "Origin", "http://localhost:" + port, "Sec-Fetch-Site", "same-origin"), form);
        assertThat(sameOrigin.status()).isNotEqualTo(403);
    }

    @Test
    void metricsNeedAnAdministrator() throws Exception {
        assertThat(http.get("/actuator/prometheus").status()).isEqualTo(401);
        var quality = http.send("GET", "/actuator/prometheus",
                headers("Authorization", "Bearer sr_demoqual_QualityDemoKeyNotForProduction"), new byte[0]);
        assertThat(quality.status()).isEqualTo(403);
        var admin = http.send("GET", "/actuator/prometheus",
                headers("Authorization", "Bearer sr_demoadmn_AdminDemoKeyNotForProduction"), new byte[0]);
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.body()).contains("jvm_memory_used_bytes");
        var basic = http.send("GET", "/actuator/prometheus", headers("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8))), new byte[0]);
        assertThat(basic.status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
    }

    /** Found by scripts/fault-disk-full.sh: an operator's API key saw "DOWN" and nothing about which part was down. */
    @Test
    void healthShowsItsComponentsToAnAdministratorOnly() throws Exception {
        var anonymous = http.get("/actuator/health");
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.body()).contains("\"status\"").doesNotContain("components", "scanLog");
        var quality = http.send("GET", "/actuator/health",
                headers("Authorization", "Bearer sr_demoqual_QualityDemoKeyNotForProduction"), new byte[0]);
        assertThat(quality.body()).doesNotContain("components", "scanLog");
        var admin = http.send("GET", "/actuator/health",
                headers("Authorization", "Bearer sr_demoadmn_AdminDemoKeyNotForProduction"), new byte[0]);
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.body()).contains("\"scanLog\"", "\"queued\"", "\"db\"");
        var basic = http.send("GET", "/actuator/health", headers("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8))), new byte[0]);
        assertThat(basic.body()).contains("\"scanLog\"");
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0} carries CSP, Referrer-Policy and Permissions-Policy")
    @ValueSource(strings = {"/01/" + PHONE + "/21/NOSUCHSERIAL", "/login", "/api/v1/me", "/api/public/v1/x", "/error"})
    void everyKindOfPageCarriesTheBrowserPolicies(String path) throws Exception {
        var answer = http.get(path);
        assertThat(answer.header("Content-Security-Policy")).containsPattern("default-src '(self|none)'").contains("frame-ancestors 'none'");
        assertThat(answer.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
        assertThat(answer.header("Permissions-Policy")).contains("camera=()");
    }

    @Test
    void aLoginPostWithoutCsrfTokenIsRefused() throws Exception {
        var answer = http.send("POST", "/login", headers("Content-Type", "application/x-www-form-urlencoded"),
                "username=admin&password=admin".getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).isEqualTo(403);
    }
}
