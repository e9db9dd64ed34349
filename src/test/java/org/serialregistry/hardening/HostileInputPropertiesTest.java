package org.serialregistry.hardening;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.serialregistry.serial.SerialIssuance;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContextManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: no generated hostile request to a public route gets a 5xx or an answer that shows how
 * the service is built. Runs against the real embedded Tomcat of {@link HostileRequestsTest}'s
 * context (taken from Spring's test context cache).
 *
 * <p>The requests come from a seeded generator, so a failure names the input and the seed that
 * replays it ({@code -Dhostile.seed=...}); hand-written lists would test only what their author
 * thought of. (jqwik was used here first; its 1.10 engine asks AI coding agents, who write much of
 * this code, not to use it, so the generator is these few lines of plain JUnit instead.)
 */
class HostileInputPropertiesTest {

    /** 1,100 by default; {@code -Dhostile.requests=20000} soaks. */
    static final int REQUESTS = Integer.getInteger("hostile.requests", 1100);

    static final List<String> INTERNAL_DETAIL = List.of("Exception", "org.springframework", "org.apache",
            "org.serialregistry", "java.lang", "java.io", "jakarta.servlet", "Caused by", "\tat ", "SQL state", "JdbcSQL",
            "Hikari", "Whitelabel", "Apache Tomcat", "select ", "SELECT ");

    record Route(String name, String method, String path) {
    }

    record Hostile(Route route, String suffix, String query, Map<String, byte[]> headers, byte[] body) {
        String target() {
            return route.path() + suffix + (query.isEmpty() ? "" : "?" + query);
        }
    }

    /** A generator of values from one seeded source of randomness. */
    @FunctionalInterface
    interface Gen<T> {
        T next(Random random);

        default <R> Gen<R> map(Function<T, R> f) {
            return r -> f.apply(next(r));
        }

        @SafeVarargs
        static <T> Gen<T> of(T... values) {
            return r -> values[r.nextInt(values.length)];
        }

        @SafeVarargs
        static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
            return r -> gens[r.nextInt(gens.length)].next(r);
        }

        static Gen<String> strings(String alphabet, int maxLength) {
            return r -> {
                var sb = new StringBuilder();
                for (int i = r.nextInt(maxLength + 1); i > 0; i--) {
                    sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
                }
                return sb.toString();
            };
        }

        static Gen<byte[]> bytes(int maxLength, java.util.function.IntPredicate allowed) {
            return r -> {
                var out = new java.io.ByteArrayOutputStream();
                for (int i = r.nextInt(maxLength + 1); i > 0; i--) {
                    int b = r.nextInt(256);
                    if (allowed.test(b)) {
                        out.write(b);
                    }
                }
                return out.toByteArray();
            };
        }

        static <T> Gen<List<T>> lists(Gen<T> element, int maxSize) {
            return r -> {
                var list = new ArrayList<T>();
                for (int i = r.nextInt(maxSize + 1); i > 0; i--) {
                    list.add(element.next(r));
                }
                return list;
            };
        }
    }

    @Test
    void noHostileRequestGetsAServerErrorOrInternalDetail() throws Exception {
        ApplicationContext context = new TestContextManager(HostileRequestsTest.class).getTestContext().getApplicationContext();
        var http = new RawHttp(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
        var issuance = context.getBean(SerialIssuance.class);
        var batch = issuance.latestBatches(100_000).stream().filter(b -> b.lot().equals("A2611")).findFirst().orElseThrow();
        String link = "/01/" + HostileRequestsTest.PHONE + "/21/" + issuance.serials(batch.id(), 0, 10).get(7).value();

        long seed = Long.getLong("hostile.seed", System.nanoTime());
        var random = new Random(seed);
        Gen<Hostile> hostile = hostile(link);
        var perRoute = new TreeMap<String, Integer>();
        var failures = new ArrayList<String>();
        for (int i = 0; i < REQUESTS; i++) {
            var request = hostile.next(random);
            var answer = http.send(request.route().method(), request.target(), request.headers(), request.body());
            perRoute.merge(request.route().name(), 1, Integer::sum);
            String what = request.route().method() + " " + request.target() + " " + describe(request.headers());
            if (answer.status() >= 500) {
                failures.add(what + " -> " + answer.status());
            } else if ((!request.route().name().equals("static") || answer.status() >= 400)
                    && INTERNAL_DETAIL.stream().anyMatch(answer.body()::contains)) {
                failures.add(what + " -> " + answer.status() + " shows internals: " + answer.body());
            }
        }
        assertThat(failures).as("hostile requests answered with 5xx or internals (replay: -Dhostile.seed=%d)", seed).isEmpty();
        assertThat(perRoute.keySet()).as("every public route was hit").containsExactlyInAnyOrder("verification",
                "verification-lot", "unknown-link", "registration", "public-api", "login-page", "login-post", "static",
                "error", "health", "batch-api");
    }

    static String describe(Map<String, byte[]> headers) {
        var sb = new StringBuilder();
        headers.forEach((k, v) -> sb.append('[').append(k).append(": ").append(new String(v, StandardCharsets.ISO_8859_1)).append(']'));
        return sb.toString();
    }

    static Gen<Hostile> hostile(String link) {
        Gen<Route> routes = routes(link);
        Gen<String> suffixes = suffixes();
        Gen<String> queries = queries();
        Gen<Map<String, byte[]>> headers = headers();
        Gen<byte[]> bodies = bodies();
        return r -> new Hostile(routes.next(r), suffixes.next(r), queries.next(r), headers.next(r), bodies.next(r));
    }

    static Gen<Route> routes(String link) {
        return Gen.of(
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
    static Gen<String> suffixes() {
        return Gen.oneOf(
                Gen.of(""),
                Gen.of("%", "%zz", "%u0041", "%00", "%2e%2e/", "..;/", "//", ";jsessionid=x", "%c0%af", "%ff%fe",
                        "/%E0%A4%A", "/../../etc/passwd", "\\..\\", "%25%32%65", "/.%2e/", "?", "#", "~", "/A%0d%0aX:1"),
                Gen.strings("%/;.abcXYZ019~!$&'()*+,=:@\u00e9\u00ff", 40).map(HostileInputPropertiesTest::latin1Safe));
    }

    static Gen<String> queries() {
        Gen<String> name = Gen.of("country", "linkType", "lat", "lon", "format", "page", "size", "x", "",
                "%zz", "continue", "error", "throttled");
        Gen<String> value = Gen.oneOf(
                Gen.of("%", "%zz", "%E0%A4%A", "%u0041", "%00", "gs1:registerProduct", "gs1:serviceInfo", "DE",
                        "99999999999999999999", "-1", "NaN", "1e309", "%ff%fe%fd", "A".repeat(3000), "%%%%", "+", "&&&"),
                Gen.strings("%abcDEF0129&=+;:/?\u00e4", 60).map(HostileInputPropertiesTest::latin1Safe));
        Gen<String> pair = r -> name.next(r) + "=" + value.next(r);
        return Gen.lists(pair, 4).map(pairs -> String.join("&", pairs));
    }

    static Gen<Map<String, byte[]>> headers() {
        Gen<byte[]> raw = Gen.bytes(80, b -> b != '\r' && b != '\n' && b != 0);
        Gen<byte[]> text = Gen.of("Mozilla/5.0 (\u00dcn\u00efc\u00f6d\u00e9 \u6f22\u5b57)", "D\u00c9", "\u00fc", "T1", "XX",
                        "' OR 1=1 --", "<script>alert(1)</script>", "%zz", "", " ", "1.2.3.4, 5.6.7.8", "::1",
                        "2001:db8::1, garbage", "https://evil.example", "null", "same-origin", "cross-site", "text/html",
                        "application/json", "application/problem+json", "*/*;q=x", "multipart/form-data",
                        "multipart/form-data; boundary=x", "multipart/form-data; boundary=",
                        "application/x-www-form-urlencoded", "application/json; charset=zz", "text/plain; charset=utf-16",
                        "sr_scan=%%%; JSESSIONID=\u00ff")
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        Gen<byte[]> value = Gen.oneOf(raw, text);
        Gen<String> name = Gen.of("User-Agent", "CF-IPCountry", "X-Forwarded-For", "Accept", "Content-Type",
                "Origin", "Sec-Fetch-Site", "Cookie", "Referer", "Accept-Language", "Authorization", "X-Requested-With");
        return r -> {
            var headers = new LinkedHashMap<String, byte[]>();
            for (int i = r.nextInt(7); i > 0; i--) {
                headers.put(name.next(r), value.next(r));
            }
            return headers;
        };
    }

    static Gen<byte[]> bodies() {
        return Gen.oneOf(
                r -> new byte[0],
                Gen.bytes(2048, b -> true),
                Gen.of("--x\r\nContent-Disposition: form-data; name=\"linkType\"\r\n\r\ngs1:regis",
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
