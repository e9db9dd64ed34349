package org.serialregistry.hardening;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.serialregistry.serial.SerialIssuance;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContextManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: no generated hostile request to a public route gets a 5xx or an answer that shows how
 * the service is built. Runs against the real embedded Tomcat of {@link HostileRequestsTest}'s
 * context (jqwik is not a Spring test engine; the context comes from Spring's test context cache).
 * jqwik: property-based generation with reproducible seeds, so a failure names the input and can be
 * replayed; hand-written lists would test only what their author thought of.
 */
class HostileInputPropertiesTest {

    static final List<String> INTERNAL_DETAIL = List.of("Exception", "org.springframework", "org.apache",
            "org.serialregistry", "java.lang", "java.io", "jakarta.servlet", "Caused by", "\tat ", "SQL state", "JdbcSQL",
            "Hikari", "Whitelabel", "Apache Tomcat", "select ", "SELECT ");

    static RawHttp http;
    static String link;
    static final AtomicInteger SENT = new AtomicInteger();
    static final Map<String, AtomicInteger> PER_ROUTE = new java.util.concurrent.ConcurrentHashMap<>();

    record Route(String name, String method, String path) {
    }

    record Hostile(Route route, String suffix, String query, Map<String, byte[]> headers, byte[] body) {
        String target() {
            return route.path() + suffix + (query.isEmpty() ? "" : "?" + query);
        }
    }

    @BeforeContainer
    static void server() throws Exception {
        ApplicationContext context = new TestContextManager(HostileRequestsTest.class).getTestContext().getApplicationContext();
        http = new RawHttp(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
        var issuance = context.getBean(SerialIssuance.class);
        var batch = issuance.latestBatches(100).stream().filter(b -> b.lot().equals("A2611")).findFirst().orElseThrow();
        link = "/01/" + HostileRequestsTest.PHONE + "/21/" + issuance.serials(batch.id(), 0, 10).get(7).value();
    }

    @AfterContainer
    static void everyRouteWasHit() {
        assertThat(SENT.get()).isGreaterThanOrEqualTo(1000);
        assertThat(PER_ROUTE.keySet()).containsExactlyInAnyOrder("verification", "verification-lot", "unknown-link",
                "registration", "public-api", "login-page", "login-post", "static", "error", "health", "batch-api");
    }

    @Property(tries = 1100, shrinking = ShrinkingMode.BOUNDED)
    void noHostileRequestGetsAServerErrorOrInternalDetail(@ForAll("hostile") Hostile request) throws Exception {
        var answer = http.send(request.route().method(), request.target(), request.headers(), request.body());
        SENT.incrementAndGet();
        PER_ROUTE.computeIfAbsent(request.route().name(), k -> new AtomicInteger()).incrementAndGet();
        assertThat(answer.status()).as("%s %s", request.route().method(), request.target()).isLessThan(500);
        if (!request.route().name().equals("static") || answer.status() >= 400) {
            assertThat(answer.body()).as("%s %s -> %d", request.route().method(), request.target(), answer.status())
                    .doesNotContain(INTERNAL_DETAIL);
        }
    }

    @Provide
    Arbitrary<Hostile> hostile() {
        return Combinators.combine(routes(), suffixes(), queries(), headers(), bodies()).as(Hostile::new);
    }

    Arbitrary<Route> routes() {
        return Arbitraries.of(
                new Route("verification", "GET", link),
                new Route("verification-lot", "GET", "/01/" + HostileRequestsTest.PHONE + "/10/A2611/21/X"),
                new Route("unknown-link", "GET", "/01/"),
                new Route("registration", "POST", link),
                new Route("public-api", "GET", "/api/public/v1/verify"),
                new Route("login-page", "GET", "/login"),
                new Route("login-post", "POST", "/login"),
                new Route("static", "GET", "/webjars/"),
                new Route("error", "GET", "/error"),
                new Route("health", "GET", "/actuator/health"),
                new Route("batch-api", "POST", "/api/v1/verifications"));
    }

    /** Bytes that are valid in a request target on the wire (no space, CR, LF), chosen to break decoders. */
    Arbitrary<String> suffixes() {
        return Arbitraries.oneOf(
                Arbitraries.just(""),
                Arbitraries.of("%", "%zz", "%u0041", "%00", "%2e%2e/", "..;/", "//", ";jsessionid=x", "%c0%af", "%ff%fe",
                        "/%E0%A4%A", "/../../etc/passwd", "\\..\\", "%25%32%65", "/.%2e/", "?", "#", "~", "/A%0d%0aX:1"),
                Arbitraries.strings().withChars("%/;.abcXYZ019~!$&'()*+,=:@\u00e9\u00ff").ofMaxLength(40)
                        .map(HostileInputPropertiesTest::latin1Safe));
    }

    Arbitrary<String> queries() {
        Arbitrary<String> name = Arbitraries.of("country", "linkType", "lat", "lon", "format", "page", "size", "x", "",
                "%zz", "continue", "error", "throttled");
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("%", "%zz", "%E0%A4%A", "%u0041", "%00", "gs1:registerProduct", "gs1:serviceInfo", "DE",
                        "99999999999999999999", "-1", "NaN", "1e309", "%ff%fe%fd", "A".repeat(3000), "%%%%", "+", "&&&"),
                Arbitraries.strings().withChars("%abcDEF0129&=+;:/?\u00e4").ofMaxLength(60).map(HostileInputPropertiesTest::latin1Safe));
        return Combinators.combine(name, value).as((n, v) -> n + "=" + v).list().ofMaxSize(4)
                .map(pairs -> String.join("&", pairs));
    }

    Arbitrary<Map<String, byte[]>> headers() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().filter(b -> b != '\r' && b != '\n' && b != 0).array(byte[].class)
                .ofMaxSize(80);
        Arbitrary<byte[]> text = Arbitraries.of("Mozilla/5.0 (Ünïcödé 漢字)", "DÉ", "ü", "T1", "XX", "' OR 1=1 --",
                "<script>alert(1)</script>", "%zz", "", " ", "1.2.3.4, 5.6.7.8", "::1", "2001:db8::1, garbage",
                "https://evil.example", "null", "same-origin", "cross-site", "text/html", "application/json",
                "application/problem+json", "*/*;q=x", "multipart/form-data", "multipart/form-data; boundary=x",
                "multipart/form-data; boundary=", "application/x-www-form-urlencoded", "application/json; charset=zz",
                "text/plain; charset=utf-16", "sr_scan=%%%; JSESSIONID=\u00ff")
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> value = Arbitraries.oneOf(raw, text);
        Arbitrary<String> name = Arbitraries.of("User-Agent", "CF-IPCountry", "X-Forwarded-For", "Accept", "Content-Type",
                "Origin", "Sec-Fetch-Site", "Cookie", "Referer", "Accept-Language", "Authorization", "X-Requested-With");
        return Arbitraries.maps(name, value).ofMaxSize(6).map(LinkedHashMap::new);
    }

    Arbitrary<byte[]> bodies() {
        return Arbitraries.oneOf(
                Arbitraries.just(new byte[0]),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(2048),
                Arbitraries.of("--x\r\nContent-Disposition: form-data; name=\"linkType\"\r\n\r\ngs1:regis",
                        "--x\r\nContent-Disposition: form-data; name=\"proof\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n\u0089PNG--x--",
                        "linkType=gs1%3AregisterProduct&purchaseDate=%zz",
                        "linkType=gs1:registerProduct&purchaseDate=2026-13-45&email=%00",
                        "username=admin&password=admin", "{\"items\":[{\"serial\":", "[]", "null",
                        "{\"items\":" + "[".repeat(2000) + "}").map(s -> s.getBytes(StandardCharsets.UTF_8)));
    }

    /** Keeps the request line parseable: characters outside Latin-1 are sent as their UTF-8 %-escapes. */
    static String latin1Safe(String s) {
        var sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c > 0x7e || c <= 0x20) {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    sb.append('%').append(String.format("%02X", b & 0xff));
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
