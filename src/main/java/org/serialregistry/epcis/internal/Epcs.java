package org.serialregistry.epcis.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.serialregistry.shared.Gtin;

/**
 * EPCs in one canonical form, whichever form a partner sent: the EPC URN
 * ({@code urn:epc:id:sgtin:4012345.011111.987}, {@code urn:epc:id:sscc:4012345.0000000001}) or a GS1
 * Digital Link on any host ({@code https://example.com/01/04012345111118/21/987}). The canonical form is
 * the Digital Link on GS1's canonical host ({@code https://id.gs1.org/01/{gtin}/21/{serial}},
 * {@code https://id.gs1.org/00/{sscc}}), which needs no company prefix length; identifiers of other kinds
 * stay as sent.
 */
public final class Epcs {

    public static final String CANONICAL_HOST = "https://id.gs1.org";

    private Epcs() {
    }

    /** A serialised trade item (GTIN + serial) or a logistic unit (SSCC). */
    public record Key(String gtin, String serial, String sscc) {
    }

    public static String canonical(String epc) {
        if (epc == null) {
            return "";
        }
        String e = epc.trim();
        return parse(e).map(k -> k.sscc() != null ? CANONICAL_HOST + "/00/" + k.sscc()
                : CANONICAL_HOST + "/01/" + k.gtin() + "/21/" + k.serial()).orElse(e);
    }

    /** The GTIN and serial of an SGTIN, or the SSCC; empty for other identifiers. */
    public static Optional<Key> parse(String epc) {
        if (epc.startsWith("urn:epc:id:sgtin:")) {
            String[] p = epc.substring("urn:epc:id:sgtin:".length()).split("\\.", 3);
            if (p.length != 3 || p[0].isEmpty() || p[1].isEmpty() || !(p[0] + p[1]).matches("\\d{13}")) {
                return Optional.empty();
            }
            String first13 = p[1].charAt(0) + p[0] + p[1].substring(1);
            return Optional.of(new Key(first13 + Gtin.checkDigit(first13), decode(p[2]), null));
        }
        if (epc.startsWith("urn:epc:id:sscc:")) {
            String[] p = epc.substring("urn:epc:id:sscc:".length()).split("\\.", 2);
            if (p.length != 2 || p[1].isEmpty() || !(p[0] + p[1]).matches("\\d{17}")) {
                return Optional.empty();
            }
            String first17 = p[1].charAt(0) + p[0] + p[1].substring(1);
            return Optional.of(new Key(null, null, first17 + mod10(first17)));
        }
        if (epc.startsWith("https://") || epc.startsWith("http://")) {
            int pathStart = epc.indexOf('/', epc.indexOf("//") + 2);
            if (pathStart < 0) {
                return Optional.empty();
            }
            String path = epc.substring(pathStart);
            int q = path.indexOf('?');
            String[] seg = (q < 0 ? path : path.substring(0, q)).split("/");
            for (int i = 0; i + 1 < seg.length; i++) {
                if (seg[i].equals("00") && seg[i + 1].matches("\\d{18}")) {
                    return Optional.of(new Key(null, null, seg[i + 1]));
                }
                if (seg[i].equals("01") && seg[i + 1].matches("\\d{8,14}")) {
                    String gtin = "0".repeat(14 - seg[i + 1].length()) + seg[i + 1];
                    for (int j = i + 2; j + 1 < seg.length; j += 2) {
                        if (seg[j].equals("21")) {
                            return Optional.of(new Key(gtin, decode(seg[j + 1]), null));
                        }
                    }
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static char mod10(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 0 ? d * 3 : d;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }
}
