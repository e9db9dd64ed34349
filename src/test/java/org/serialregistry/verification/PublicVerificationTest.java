package org.serialregistry.verification;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.internal.SerialCodec;
import org.serialregistry.shared.SerialNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

/**
 * Anyone scans a unit's code and lands on the public page: the answer is right, the same in HTML
 * and JSON, never leaks which check failed, and every scan lands in the scan log.
 */
@IntegrationTest
class PublicVerificationTest {

    private static final AtomicInteger CLIENTS = new AtomicInteger(1);

    @Autowired
    org.springframework.web.context.WebApplicationContext context;
    MockMvc mvc;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    SerialCodec codec;
    @Autowired
    CounterfeitList counterfeits;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    DemoCodes codes;
    String clientAddress;

    @BeforeEach
    void setUp() {
        mvc = VerificationMvc.of(context);
        codes = DemoCodes.from(issuance, codec);
        clientAddress = "10.20." + CLIENTS.get() / 250 + "." + CLIENTS.getAndIncrement() % 250; // own rate-limit bucket
    }

    private <B extends AbstractMockHttpServletRequestBuilder<B>> B from(B request) {
        return request.with(r -> {
            r.setRemoteAddr(clientAddress);
            return r;
        });
    }

    private MvcResult page(String path) throws Exception {
        return mvc.perform(from(get(path).accept(MediaType.TEXT_HTML))).andReturn();
    }

    private JsonNode answer(String path) throws Exception {
        var result = mvc.perform(from(get(path).accept(MediaType.APPLICATION_JSON))).andReturn();
        assertThat(result.getResponse().getContentType()).startsWith("application/json");
        return json.readTree(result.getResponse().getContentAsString());
    }

    private static String html(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString();
    }

    @Test
    void aCustomerScansAGenuinePhoneAndSeesItIsGenuineOnThePageAndInJson() throws Exception {
        String link = DemoCodes.link(DemoCodes.PHONE, codes.genuinePhone());
        var page = page(link);
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        assertThat(page.getResponse().getContentType()).startsWith("text/html");
        assertThat(html(page)).contains("<h1>Genuine</h1>", "Aurora X2 smartphone", codes.genuinePhone(), "A2611")
                .doesNotContain("<script");

        var answer = answer(link);
        assertThat(answer.get("verified").asBoolean()).isTrue();
        assertThat(answer.get("verdict").asString()).isEqualTo("GENUINE");
        assertThat(answer.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(answer.get("product").get("gtin").asString()).isEqualTo(DemoCodes.PHONE);
        assertThat(answer.get("product").get("name").asString()).isEqualTo("Aurora X2 smartphone");
        assertThat(answer.get("lot").asString()).isEqualTo("A2611");
        assertThat(answer.has("productionDate")).isTrue();
        assertThat(answer.has("verificationFailureReason")).isFalse();
        assertThat(html(page)).contains(answer.get("message").asString());
    }

    @Test
    void aHospitalScansAMeterOfTheRecalledLotAndIsToldNotToUseIt() throws Exception {
        String link = "/01/" + DemoCodes.METER + "/10/G2608/21/" + codes.recalledMeter();
        var answer = answer(link);
        assertThat(answer.get("verified").asBoolean()).isTrue();
        assertThat(answer.get("additionalInfo").asString()).isEqualTo("Recalled");
        assertThat(answer.get("status").asString()).isEqualTo("RECALLED");
        assertThat(answer.get("verdict").asString()).isEqualTo("GENUINE_WITH_WARNING");
        assertThat(html(page(link))).contains("<h1>Recalled</h1>", "GlucoSense meter", "Do not use it");
    }

    @Test
    void aDestroyedOrStolenUnitsCodeIsGenuineButSuspect() throws Exception {
        var destroyed = answer(DemoCodes.link(DemoCodes.PHONE, codes.destroyedPhone()));
        assertThat(destroyed.get("verified").asBoolean()).isTrue();
        assertThat(destroyed.get("additionalInfo").asString()).isEqualTo("Suspect");
        assertThat(destroyed.get("message").asString())
                .contains("this unit was reported destroyed: a unit carrying this code now is suspect");
        assertThat(html(page(DemoCodes.link(DemoCodes.PHONE, codes.destroyedPhone()))))
                .contains("<h1>Reported destroyed</h1>", "brand-protection@serial-registry.example");

        var stolen = answer(DemoCodes.link(DemoCodes.PHONE, codes.stolenPhone()));
        assertThat(stolen.get("status").asString()).isEqualTo("STOLEN");
        assertThat(stolen.get("message").asString()).contains("reported stolen");
    }

    @Test
    void aForgedCodeIsAnsweredNotGenuineWithoutTouchingTheDatabase() throws Exception {
        String link = DemoCodes.link(DemoCodes.PHONE, codes.forgedPhone());
        ConnectionCounter.reset();
        var answer = answer(link);
        assertThat(ConnectionCounter.count()).as("database connections taken for a forged code").isZero();
        ConnectionCounter.reset();
        var page = page(link);
        assertThat(ConnectionCounter.count()).isZero();

        assertThat(answer.get("verified").asBoolean()).isFalse();
        assertThat(answer.get("verificationFailureReason").asString()).isEqualTo("No_match_GTIN_Serial");
        assertThat(answer.get("verdict").asString()).isEqualTo("NOT_GENUINE");
        assertThat(html(page)).contains("<h1>Not genuine</h1>").doesNotContainIgnoringCase("tag")
                .doesNotContainIgnoringCase("signature").doesNotContainIgnoringCase("key");

        // while a genuine code is looked up (the counter is not blind)
        ConnectionCounter.reset();
        answer(DemoCodes.link(DemoCodes.CHARGER, codes.charger()));
        assertThat(ConnectionCounter.count()).isPositive();
    }

    @Test
    void aCodeWithAValidTagThatWasNeverIssuedLooksForgedToThePublicButIsLoggedAsNotIssued() throws Exception {
        var neverIssued = answer(DemoCodes.link(DemoCodes.PHONE, codes.neverIssuedPhone()));
        var forged = answer(DemoCodes.link(DemoCodes.PHONE, codes.forgedPhone()));
        assertThat(neverIssued).isEqualTo(forged);
        String neverIssuedPage = html(page(DemoCodes.link(DemoCodes.PHONE, codes.neverIssuedPhone())))
                .replace(codes.neverIssuedPhone(), "SERIAL").replaceAll("Checked [^<]*&middot;", "");
        String forgedPage = html(page(DemoCodes.link(DemoCodes.PHONE, codes.forgedPhone())))
                .replace(codes.forgedPhone(), "SERIAL").replaceAll("Checked [^<]*&middot;", "");
        assertThat(neverIssuedPage).isEqualTo(forgedPage);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "select outcome from scan_record where serial = ?", String.class, codes.neverIssuedPhone()))
                .contains("NOT_ISSUED"));
    }

    @Test
    void aSerialOnTheCounterfeitListIsReportedAsCounterfeitWithWhereToReport() throws Exception {
        var forensics = SecurityContextHolder.createEmptyContext();
        forensics.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("forensics", null,
                AuthorityUtils.createAuthorityList("ROLE_FORENSICS")));
        SecurityContextHolder.setContext(forensics);
        String cloned = codes.charger();
        try {
            counterfeits.report(new SerialNumber(cloned), DemoCodes.CHARGER, CounterfeitReason.CLONED_CODE, "test");
            SecurityContextHolder.clearContext();
            var answer = answer(DemoCodes.link(DemoCodes.CHARGER, cloned));
            assertThat(answer.get("verified").asBoolean()).isFalse();
            assertThat(answer.get("additionalInfo").asString()).isEqualTo("Illegitimate");
            assertThat(answer.get("verdict").asString()).isEqualTo("REPORTED_COUNTERFEIT");
            assertThat(html(page(DemoCodes.link(DemoCodes.CHARGER, cloned))))
                    .contains("<h1>Reported as counterfeit</h1>", "do not purchase",
                            "mailto:brand-protection@serial-registry.example");
        } finally {
            SecurityContextHolder.setContext(forensics);
            counterfeits.remove(new SerialNumber(cloned), "test over");
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void aGenuineSerialUnderAnotherProductOrLotIsAMismatch() throws Exception {
        var otherProduct = answer(DemoCodes.link(DemoCodes.CHARGER, codes.genuinePhone()));
        assertThat(otherProduct.get("verified").asBoolean()).isFalse();
        assertThat(otherProduct.get("verificationFailureReason").asString()).isEqualTo("No_match_GTIN_Serial");
        assertThat(otherProduct.get("verdict").asString()).isEqualTo("MISMATCH");

        String otherLot = "/01/" + DemoCodes.PHONE + "/10/B1234/21/" + codes.genuinePhone();
        var wrongLot = answer(otherLot);
        assertThat(wrongLot.get("verificationFailureReason").asString()).isEqualTo("No_match_GTIN_Serial_Lot");
        assertThat(html(page(otherLot))).contains("<h1>Does not match</h1>", "lot");

        var wrongExpiry = answer("/01/" + DemoCodes.PHONE + "/10/A2611/21/" + codes.genuinePhone() + "?17=991231");
        assertThat(wrongExpiry.get("verificationFailureReason").asString()).isEqualTo("No_match_GTIN_Serial_Expiry");
        var rightLot = answer("/01/" + DemoCodes.PHONE + "/10/A2611/21/" + codes.genuinePhone());
        assertThat(rightLot.get("verified").asBoolean()).isTrue();
    }

    @Test
    void theLinkSetListsTheServicesOfTheCodeAsRfc9264() throws Exception {
        var result = mvc.perform(from(get(DemoCodes.link(DemoCodes.PHONE, codes.genuinePhone()) + "?linkType=linkset")))
                .andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(result.getResponse().getContentType()).isEqualTo("application/linkset+json");
        var linkset = json.readTree(result.getResponse().getContentAsString()).get("linkset").get(0);
        assertThat(linkset.get("anchor").asString()).endsWith(DemoCodes.link(DemoCodes.PHONE, codes.genuinePhone()));
        assertThat(linkset.get("https://gs1.org/voc/verificationService").get(0).get("href").asString())
                .isEqualTo(linkset.get("anchor").asString());
        assertThat(linkset.get("https://gs1.org/voc/serviceInfo").get(0).get("href").asString())
                .endsWith("?linkType=gs1:serviceInfo");
        assertThat(linkset.get("https://gs1.org/voc/registerProduct").get(0).get("href").asString())
                .endsWith("?linkType=gs1:registerProduct");
    }

    @Test
    void anOwnerRegistersTheUnitThroughThePublicFormThatTheWarrantyModuleServes() throws Exception {
        String link = DemoCodes.link(DemoCodes.PHONE, codes.genuinePhone());
        var form = page(link + "?linkType=gs1:registerProduct");
        assertThat(form.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(form)).doesNotContain("Registration is not available").contains("purchaseDate");

        var post = mvc.perform(from(multipart(link).param("linkType", "gs1:registerProduct")
                .param("ownerName", "Ann Owner").param("email", "ann.owner@example.com")
                .param("purchaseDate", java.time.LocalDate.now().minusDays(3).toString())
                .param("retailer", "Elektro Markt Munich").accept(MediaType.TEXT_HTML))).andReturn();
        assertThat(post.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(post)).contains("Registered");
    }

    @Test
    void serviceInformationNamesTheProduct() throws Exception {
        var info = page(DemoCodes.link(DemoCodes.PHONE, codes.genuinePhone()) + "?linkType=gs1:serviceInfo");
        assertThat(info.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(info)).contains("Service information", "Aurora X2 smartphone");
    }

    @ParameterizedTest(name = "bad input {0} gets a clear 4xx, escaped, never a 500")
    @ValueSource(strings = {
            "/01/09506000134352/21/ABCDEFGHJKMNPQRSTVWXYZ0123456789",      // overlong serial
            "/01/09506000134352/21/abcdefghjk",                              // lowercase
            "/01/09506000134352/21/<script>alert(1)</script>",                // HTML
            "/01/09506000134352/21/%3Cscript%3Ealert(1)%3C%2Fscript%3E",      // HTML, encoded
            "/01/09506000134352/21/' OR 1=1 --",                             // SQL
            "/01/09506000134352/21/%27%20OR%201%3D1%20--",                   // SQL, encoded
            "/01/09506000134352/21/%D0%90BC123",                             // Cyrillic A homoglyph
            "/01/09506000134352/21/ABC%E2%80%8B123",                         // zero-width space
            "/01/09506000134353/21/ABC123",                                  // bad check digit
            "/01/0950600013435X/21/ABC123",                                  // letter in GTIN
            "/01/09506000134352/10/l%C3%B6t/21/ABC123",                      // lot with umlaut
            "/01/09506000134352/21/ABC123?17=991399",                        // impossible expiry
            "/01/09506000134352/21/ABC123?linkType=gs1:%3Cb%3Ebold",          // unknown link type
            "/01/09506000134352/21/ABC123?linkType=evil",                    // unknown link type
            "/01/09506000134352",                                            // incomplete link
            "/01/<img src=x onerror=alert(1)>/21/X",                          // HTML in GTIN
    })
    void badInputIsAnsweredClearlyAndSafely(String path) throws Exception {
        for (MediaType accept : List.of(MediaType.TEXT_HTML, MediaType.APPLICATION_JSON)) {
            var request = path.contains("<") || path.contains("'") || path.contains(" ")
                    ? get(java.net.URI.create(encodeRaw(path))) : get(path);
            var result = mvc.perform(from(request.accept(accept))).andReturn();
            int status = result.getResponse().getStatus();
            String body = result.getResponse().getContentAsString();
            assertThat(status).as(path + " " + accept).isIn(400, 404);
            assertThat(body).doesNotContain("<script>", "<img", "<b>", "Exception", "at org.");
            if (result.getHandler() == null && status == 400) {
                // refused by Spring Security's firewall before any controller (encoded slash, non-ASCII...):
                // the container then renders /error, checked over a real port in PublicRoutesOverHttpTest
                continue;
            }
            assertThat(body).isNotBlank();
            if (accept.equals(MediaType.TEXT_HTML)) {
                assertThat(body).containsAnyOf("Not a valid code", "Not found", "Unknown link type");
            } else {
                assertThat(result.getResponse().getContentType()).containsAnyOf("application/json",
                        "application/problem+json");
            }
        }
    }

    private static String encodeRaw(String path) {
        int q = path.indexOf('?');
        String p = q < 0 ? path : path.substring(0, q);
        var out = new StringBuilder();
        for (String segment : p.split("/", -1)) {
            if (!out.isEmpty() || !segment.isEmpty()) {
                out.append('/');
            }
            out.append(java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out + (q < 0 ? "" : path.substring(q));
    }

    @Test
    void aMalformedSerialIsNamedOnThePage() throws Exception {
        var result = page("/01/09506000134352/21/abc");
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(html(result)).contains("Not a valid code", "serial number may contain only A-Z and 0-9");
        var badDigit = answer("/01/09506000134353/21/ABC");
        assertThat(badDigit.get("message").asString()).contains("GTIN check digit is 3 but should be 2");
    }

    @Test
    void thePublicPageOpensNoHttpSessionAndSetsAnAnonymousScanCookie() throws Exception {
        var result = page(DemoCodes.link(DemoCodes.PHONE, codes.genuinePhone()));
        assertThat(result.getRequest().getSession(false)).isNull();
        String cookie = result.getResponse().getHeader("Set-Cookie");
        assertThat(cookie).startsWith("sr_scan=").contains("HttpOnly", "SameSite=Lax", "Max-Age=31536000")
                .doesNotContain("JSESSIONID");
        assertThat(result.getResponse().getHeader("Cache-Control")).contains("no-store");
    }

    @Test
    void aFloodFromOneNetworkIsSlowedDownWith429AndRetryAfter() throws Exception {
        String link = DemoCodes.link(DemoCodes.PHONE, codes.forgedPhone());
        int ok = 0;
        MvcResult limited = null;
        for (int i = 0; i < 100 && limited == null; i++) {
            var result = mvc.perform(from(get(link).accept(MediaType.APPLICATION_JSON))).andReturn();
            if (result.getResponse().getStatus() == 429) {
                limited = result;
            } else {
                ok++;
            }
        }
        assertThat(limited).as("a flood is limited").isNotNull();
        assertThat(ok).isGreaterThanOrEqualTo(30);
        assertThat(Integer.parseInt(limited.getResponse().getHeader("Retry-After"))).isPositive();
        assertThat(limited.getResponse().getContentType()).isEqualTo("application/problem+json");
        var page = page(link);
        assertThat(page.getResponse().getStatus()).isEqualTo(429);
        assertThat(html(page)).contains("Too many checks");
        // another network is not affected
        clientAddress = "10.99.0.1";
        assertThat(page(link).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void everyScanIsLoggedAfterTheAnswerWithAKeyedClientKeyAndOneSessionPerPerson() throws Exception {
        String serial = "0" + codes.genuinePhone().substring(1); // a serial of its own in the log
        String link = DemoCodes.link(DemoCodes.PHONE, serial);
        var first = mvc.perform(from(get(link).header("CF-IPCountry", "FR")
                .header("User-Agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148")))
                .andReturn();
        String cookie = first.getResponse().getHeader("Set-Cookie").split(";")[0].substring("sr_scan=".length());
        for (int i = 0; i < 2; i++) {
            mvc.perform(from(get(link).cookie(new Cookie("sr_scan", cookie)).header("CF-IPCountry", "FR")));
        }
        mvc.perform(from(get(link + "?country=de").accept(MediaType.TEXT_HTML)));

        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
                "select count(*) from scan_record where serial = ?", Integer.class, serial) == 4);
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select * from scan_record where serial = ? order by scanned_at", serial);
        assertThat(rows).extracting(r -> r.get("CLIENT_KEY")).containsOnly(rows.getFirst().get("CLIENT_KEY"));
        assertThat((String) rows.getFirst().get("CLIENT_KEY")).matches("[0-9a-f]{32}").doesNotContain(clientAddress);
        assertThat(rows).extracting(r -> r.get("GTIN")).containsOnly(DemoCodes.PHONE);
        assertThat(rows.getFirst().get("USER_AGENT_CLASS")).isEqualTo("mobile");
        assertThat(rows).extracting(r -> r.get("COUNTRY")).containsExactlyInAnyOrder("FR", "FR", "FR", "DE");
        assertThat(jdbc.queryForObject("select count(distinct session_id) from scan_record where serial = ?",
                Integer.class, serial)).as("three scans with one cookie count once; the fourth had none").isEqualTo(2);
    }
}
