package org.serialregistry.shared;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What a person scanned or typed to name one unit, read the same way on every screen and API:
 * <ul>
 * <li>a bare serial ({@code 1027wrqmtycq60kn9cta}): serials are uppercase letters and digits only,
 * so case does not matter;</li>
 * <li>a GS1 Digital Link URI, any host and path prefix, lot and query optional
 * ({@code https://id.example.com/01/09506000134352/10/A2611/21/1027WRQMTYCQ60KN9CTA?17=281231});</li>
 * <li>a GS1 element string, with parentheses ({@code (01)09506000134352(21)1027WRQ...}) or as a
 * scanner sends it: FNC1 as a symbology identifier ({@code ]d2}, {@code ]Q3}, {@code ]C1}) and the
 * group separator (ASCII 29, or {@code <GS>} from keyboard-wedge scanners) after variable-length
 * fields.</li>
 * </ul>
 *
 * @param gtin   AI 01, when the code carries it (a bare serial does not)
 * @param lot    AI 10, when present
 * @param serial AI 21
 * @param expiry AI 17 as written (YYMMDD), when present
 * @param form   which of the three forms was read
 */
public record UnitCode(@Nullable Gtin gtin, @Nullable LotNumber lot, SerialNumber serial, @Nullable String expiry,
                       Form form) {

    /** Longer than any code a label carries: refused before any parsing. */
    public static final int MAX_INPUT = 512;

    /** The shapes of code we read. */
    public enum Form { SERIAL, DIGITAL_LINK, ELEMENT_STRING }

    private static final char GS = '\u001D';

    /**
     * Reads a code.
     *
     * @throws IllegalArgumentException with a message a user can act on (no field name: the caller
     *                                  shows it at its field)
     */
    public static UnitCode parse(@Nullable String raw) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("Enter or scan a serial, a Digital Link or a GS1 code");
        }
        if (text.length() > MAX_INPUT) {
            throw new IllegalArgumentException("This is longer than any code we print (" + text.length()
                    + " characters)");
        }
        text = text.replace("<GS>", String.valueOf(GS)).replace("{GS}", String.valueOf(GS));
        if (looksLikeLink(text)) {
            return fromLink(text);
        }
        if (text.startsWith("(")) {
            return fromElements(parenthesised(text));
        }
        boolean symbologyId = text.length() > 3 && text.charAt(0) == ']';
        if (symbologyId || text.indexOf(GS) >= 0 || text.charAt(0) == GS
                || (text.length() > SerialNumber.MAX_LENGTH && text.startsWith("01"))) {
            return fromElements(unbracketed(symbologyId ? text.substring(3) : text));
        }
        return new UnitCode(null, null, new SerialNumber(upper(text)), null, Form.SERIAL);
    }

    /** The code, or empty when the text is not one (the reason is then in {@link #problem}). */
    public static Optional<UnitCode> tryParse(@Nullable String raw) {
        try {
            return Optional.of(parse(raw));
        } catch (IllegalArgumentException notACode) {
            return Optional.empty();
        }
    }

    /** Why {@code raw} is not a code, or null when it is one. */
    public static @Nullable String problem(@Nullable String raw) {
        try {
            parse(raw);
            return null;
        } catch (IllegalArgumentException notACode) {
            return notACode.getMessage();
        }
    }

    /** The GTIN's 14 digits, or null. */
    public @Nullable String gtinValue() {
        return gtin == null ? null : gtin.value();
    }

    /** The lot, or null. */
    public @Nullable String lotValue() {
        return lot == null ? null : lot.value();
    }

    private static boolean looksLikeLink(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") || text.contains("/01/");
    }

    private static UnitCode fromLink(String text) {
        String rest = text;
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            int pathStart = rest.indexOf('/', scheme + 3);
            rest = pathStart < 0 ? "" : rest.substring(pathStart);
        }
        String query = "";
        int fragment = rest.indexOf('#');
        if (fragment >= 0) {
            rest = rest.substring(0, fragment);
        }
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int at = rest.indexOf("/01/");
        if (at < 0) {
            throw new IllegalArgumentException("This link is not a unit's Digital Link: it has no /01/{GTIN}");
        }
        String[] segments = rest.substring(at + 1).replaceAll("/+$", "").split("/", -1);
        if (segments.length % 2 != 0) {
            throw new IllegalArgumentException("This Digital Link is incomplete: every /key needs a /value");
        }
        var elements = new LinkedHashMap<String, String>();
        for (int i = 0; i < segments.length; i += 2) {
            String key = segments[i];
            if (!key.equals("01") && !key.equals("22") && !key.equals("10") && !key.equals("21")
                    && !key.equals("235")) {
                throw new IllegalArgumentException("This Digital Link has /" + shorten(key)
                        + "/ where /10/ (lot) or /21/ (serial) belongs");
            }
            elements.put(key, percentDecoded(segments[i + 1]));
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("17=")) {
                elements.put("17", percentDecoded(pair.substring(3)));
            }
        }
        if (!elements.containsKey("21")) {
            throw new IllegalArgumentException("This Digital Link names a product, not a unit: it has no /21/{serial}");
        }
        return of(elements, Form.DIGITAL_LINK);
    }

    private static Map<String, String> parenthesised(String text) {
        var elements = new LinkedHashMap<String, String>();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) != '(') {
                throw new IllegalArgumentException("This GS1 code is not well formed: expected '(' at position "
                        + (i + 1));
            }
            int close = text.indexOf(')', i);
            if (close < 0) {
                throw new IllegalArgumentException("This GS1 code is not well formed: a '(' is never closed");
            }
            String ai = text.substring(i + 1, close);
            int next = text.indexOf('(', close);
            String value = text.substring(close + 1, next < 0 ? text.length() : next).replace(String.valueOf(GS), "");
            elements.put(ai, value.strip());
            i = next < 0 ? text.length() : next;
        }
        return elements;
    }

    private static Map<String, String> unbracketed(String text) {
        var elements = new LinkedHashMap<String, String>();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == GS) {
                i++;
                continue;
            }
            int aiLength = aiLength(text, i);
            String ai = text.substring(i, i + aiLength);
            int fixed = fixedDataLength(ai);
            int start = i + aiLength;
            int end;
            if (fixed > 0) {
                end = start + fixed;
                if (end > text.length()) {
                    throw new IllegalArgumentException("This GS1 code is cut short: (" + ai + ") needs " + fixed
                            + " digits");
                }
            } else {
                int gs = text.indexOf(GS, start);
                end = gs < 0 ? text.length() : gs;
            }
            elements.put(ai, text.substring(start, end));
            i = end;
        }
        return elements;
    }

    /** The length of the application identifier at {@code i}: 2, 3 or 4 digits by its first two. */
    private static int aiLength(String text, int i) {
        if (i + 2 > text.length() || !Character.isDigit(text.charAt(i)) || !Character.isDigit(text.charAt(i + 1))) {
            throw new IllegalArgumentException("This GS1 code is not well formed at position " + (i + 1)
                    + ": expected an application identifier such as 01 or 21");
        }
        int head = Integer.parseInt(text.substring(i, i + 2));
        int length = (head >= 23 && head <= 29) || (head >= 40 && head <= 49) ? 3
                : (head >= 31 && head <= 36) || head == 39 || (head >= 70 && head <= 89) ? 4 : 2;
        if (i + length > text.length()) {
            throw new IllegalArgumentException("This GS1 code is cut short at position " + (i + 1));
        }
        return length;
    }

    /** Data length of a predefined-length AI (GS1 General Specifications 5.10.1), or 0 for variable. */
    private static int fixedDataLength(String ai) {
        int head = Integer.parseInt(ai.substring(0, 2));
        return switch (head) {
            case 0 -> 18;
            case 1, 2, 3 -> 14;
            case 4 -> 16;
            case 11, 12, 13, 14, 15, 16, 17, 18, 19 -> 6;
            case 20 -> 2;
            case 31, 32, 33, 34, 35, 36 -> 6;
            case 41 -> 13;
            default -> 0;
        };
    }

    private static UnitCode fromElements(Map<String, String> elements) {
        if (!elements.containsKey("21")) {
            throw new IllegalArgumentException("This GS1 code names a product, not a unit: it has no (21) serial");
        }
        return of(elements, Form.ELEMENT_STRING);
    }

    private static UnitCode of(Map<String, String> elements, Form form) {
        String gtin = elements.get("01");
        String lot = elements.get("10");
        String expiry = elements.get("17");
        if (expiry != null && !expiry.matches("\\d{6}")) {
            throw new IllegalArgumentException("The expiry date (17) must be 6 digits YYMMDD, got '"
                    + shorten(expiry) + "'");
        }
        return new UnitCode(gtin == null ? null : Gtin.of(gtin), lot == null || lot.isEmpty() ? null
                : new LotNumber(upper(lot)), new SerialNumber(upper(elements.get("21"))), expiry, form);
    }

    private static String upper(String s) {
        return s.strip().toUpperCase(Locale.ROOT);
    }

    private static String percentDecoded(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        var out = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length()) {
                try {
                    out.write(Integer.parseInt(segment.substring(i + 1, i + 3), 16));
                    i += 2;
                    continue;
                } catch (NumberFormatException notAnEscape) {
                    // keep the '%' as written; the value check names it
                }
            }
            out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String shorten(String s) {
        return s.length() > 24 ? s.substring(0, 24) + "…" : s;
    }
}
