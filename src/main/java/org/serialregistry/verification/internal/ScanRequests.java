package org.serialregistry.verification.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.CountryCode;
import org.serialregistry.shared.TrustedProxies;
import org.springframework.beans.factory.annotation.Value;
import org.serialregistry.verification.UnitScanned;
import org.serialregistry.verification.VerificationResult;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * What a scan log entry knows about the person scanning: the client key, the anonymous session
 * cookie, the country and the kind of device. Reads the request; never opens an HTTP session.
 */
@Component
public class ScanRequests {

    static final String SESSION_COOKIE = "sr_scan";
    private static final String COOKIE_ATTRIBUTES = "; Path=/; Max-Age=" + Duration.ofDays(365).toSeconds()
            + "; HttpOnly; SameSite=Lax";
    static final String CLIENT_KEY_ATTRIBUTE = ScanRequests.class.getName() + ".clientKey";
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final Pattern BOT = Pattern.compile(
            "bot|crawl|spider|slurp|curl|wget|python|java/|java-http|okhttp|go-http|httpclient|headless|scan|monitor",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MOBILE = Pattern.compile("mobi|android|iphone|ipad|ipod|windows phone",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DESKTOP = Pattern.compile("windows nt|macintosh|x11|linux|cros",
            Pattern.CASE_INSENSITIVE);

    private final ClientKeys clientKeys;
    private final ScanProperties properties;
    private final Clock clock;
    // one generator per thread: the shared default reads /dev/urandom under a lock on every call
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(ScanRequests::newRandom);

    private final TrustedProxies proxies;

    ScanRequests(ClientKeys clientKeys, ScanProperties properties, Clock clock,
                 @Value("${serial-registry.trusted-proxies:}") String trustedProxies) {
        this.proxies = TrustedProxies.parse(trustedProxies);
        this.clientKeys = clientKeys;
        this.properties = properties;
        this.clock = clock;
    }

    public String clientKey(HttpServletRequest request) {
        Object known = request.getAttribute(CLIENT_KEY_ATTRIBUTE);
        if (known instanceof String key) {
            return key;
        }
        String key = clientKeys.of(TrustedProxies.limitKey(
                proxies.clientAddress(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"))));
        request.setAttribute(CLIENT_KEY_ATTRIBUTE, key);
        return key;
    }

    /** The anonymous session id from the cookie, or a new one set on the response (HttpOnly, Lax, 1 year). */
    public String sessionId(HttpServletRequest request, HttpServletResponse response) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (SESSION_COOKIE.equals(c.getName()) && c.getValue() != null && SESSION_ID.matcher(c.getValue()).matches()) {
                    return c.getValue();
                }
            }
        }
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        // Max-Age without Expires: every browser in use honours it, and no date needs formatting per scan
        response.addHeader(HttpHeaders.SET_COOKIE, SESSION_COOKIE + "=" + id
                + (request.isSecure() ? COOKIE_ATTRIBUTES + "; Secure" : COOKIE_ATTRIBUTES));
        return id;
    }

    /**
     * The country the user gave, else the header of a trusted proxy (from anyone else the header is
     * the client's own forgery and is ignored); null when neither is a valid ISO code.
     */
    public @Nullable CountryCode country(HttpServletRequest request, @Nullable String given) {
        CountryCode country = parseCountry(given);
        return country != null ? country : networkCountry(request);
    }

    private @Nullable CountryCode networkCountry(HttpServletRequest request) {
        return proxies.trusts(request.getRemoteAddr()) ? parseCountry(request.getHeader(properties.countryHeader())) : null;
    }

    static @Nullable CountryCode parseCountry(@Nullable String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 3) {
            return null;
        }
        try {
            return CountryCode.of(raw);
        } catch (IllegalArgumentException notACountry) {
            return null; // e.g. Cloudflare's XX (unknown) and T1 (Tor)
        }
    }

    static @Nullable Double coordinate(@Nullable String raw, double limit) {
        if (raw == null || raw.isBlank() || raw.length() > 24) {
            return null;
        }
        try {
            double v = Double.parseDouble(raw);
            return Double.isFinite(v) && Math.abs(v) <= limit ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String userAgentClass(@Nullable String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "other";
        }
        if (BOT.matcher(userAgent).find()) {
            return "bot";
        }
        if (MOBILE.matcher(userAgent).find()) {
            return "mobile";
        }
        return DESKTOP.matcher(userAgent).find() ? "desktop" : "other";
    }

    public UnitScanned scanOf(VerificationResult result, HttpServletRequest request, HttpServletResponse response,
                              @Nullable String country, @Nullable String lat, @Nullable String lon) {
        Double latitude = coordinate(lat, 90);
        Double longitude = coordinate(lon, 180);
        if (latitude == null || longitude == null) {
            latitude = null;
            longitude = null;
        }
        CountryCode given = parseCountry(country);
        boolean claimed = latitude != null || given != null;
        return new UnitScanned(scanId(), Instant.now(clock), result.gtin(), result.serial(), result.outcome(),
                clientKey(request), sessionId(request, response), given != null ? given : networkCountry(request),
                latitude, longitude, userAgentClass(request.getHeader(HttpHeaders.USER_AGENT)), result.unitStatus(),
                claimed);
    }

    /**
     * A time-ordered (version 7) UUID: 48 bits of milliseconds, then random bits from this thread's
     * generator. Scan ids need uniqueness, not secrecy; time order makes the scan log's primary key
     * grow at one end instead of splitting pages all over the index (measured: the scan log insert
     * was the largest cost of a verification on H2 with random ids).
     */
    public static UUID scanId() {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        long msb = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextInt() & 0x0FFF);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
