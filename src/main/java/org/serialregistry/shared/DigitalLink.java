package org.serialregistry.shared;

import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** GS1 Digital Link URIs for serialised units: {@code {base}/01/{gtin}[/10/{lot}]/21/{serial}}. */
public final class DigitalLink {

    /** The identifiers in a Digital Link path; {@code lot} is null when the path has none. */
    public record Parsed(Gtin gtin, @Nullable LotNumber lot, SerialNumber serial) {
    }

    private DigitalLink() {
    }

    /**
     * Builds the URI of a unit. Trailing slashes of {@code baseUrl} are dropped, so that
     * {@code https://id.example.com/} and {@code https://id.example.com} give the same URI.
     * Values need no percent-encoding: all are digits or uppercase letters.
     *
     * @param baseUrl scheme, host and optional path prefix, such as {@code https://id.example.com/dl}
     * @param lot     the lot, or null to leave AI 10 out
     */
    public static String uri(String baseUrl, Gtin gtin, @Nullable LotNumber lot, SerialNumber serial) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("Digital Link base URL is missing");
        }
        String base = baseUrl.strip();
        int end = base.length();
        while (end > 0 && base.charAt(end - 1) == '/') {
            end--;
        }
        StringBuilder uri = new StringBuilder(end + 60).append(base, 0, end).append("/01/").append(gtin.value());
        if (lot != null) {
            uri.append("/10/").append(lot.value());
        }
        return uri.append("/21/").append(serial.value()).toString();
    }

    /**
     * Returns {@code uri} with scheme and host in lowercase: the canonical form of RFC 3986 (section
     * 6.2.2.1) and the only one GS1's own Digital Link validator ({@code digital-link.js}) accepts.
     * This is what labels print by default.
     */
    public static String forQrCode(String uri) {
        return withSchemeAndHost(uri, false);
    }

    /**
     * Returns {@code uri} with scheme and host in uppercase. RFC 3986 makes both case-insensitive,
     * and with an uppercase path the whole URI then fits QR alphanumeric mode, which stores 5.5
     * bits a character instead of 8: a smaller code, or a larger module at the same print size.
     * Resolvers and phones accept it, but GS1's validator does not, so it is an option
     * ({@code serial-registry.labels.uppercase-scheme-and-host=true}), not the default.
     */
    public static String compactForQrCode(String uri) {
        return withSchemeAndHost(uri, true);
    }

    private static String withSchemeAndHost(String uri, boolean upper) {
        int schemeEnd = uri.indexOf("://");
        if (schemeEnd < 0) {
            return uri;
        }
        int hostEnd = uri.indexOf('/', schemeEnd + 3);
        if (hostEnd < 0) {
            hostEnd = uri.length();
        }
        String head = uri.substring(0, hostEnd);
        return (upper ? head.toUpperCase(Locale.ROOT) : head.toLowerCase(Locale.ROOT)) + uri.substring(hostEnd);
    }

    /**
     * Parses the path of a unit's Digital Link: {@code /01/{gtin}/21/{serial}} or
     * {@code /01/{gtin}/10/{lot}/21/{serial}}, without prefix, query or trailing slash. The GTIN
     * may be given in 8, 12, 13 or 14 digits, as GS1 Digital Link allows.
     *
     * @return the identifiers, or empty if the path has another shape or an invalid value
     */
    public static Optional<Parsed> parse(String path) {
        if (path == null || !path.startsWith("/")) {
            return Optional.empty();
        }
        String[] segments = path.substring(1).split("/", -1);
        try {
            if (segments.length == 4 && segments[0].equals("01") && segments[2].equals("21")) {
                return Optional.of(new Parsed(Gtin.of(segments[1]), null, new SerialNumber(segments[3])));
            }
            if (segments.length == 6 && segments[0].equals("01") && segments[2].equals("10")
                    && segments[4].equals("21")) {
                return Optional.of(new Parsed(Gtin.of(segments[1]), new LotNumber(segments[3]),
                        new SerialNumber(segments[5])));
            }
        } catch (IllegalArgumentException invalidValue) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
