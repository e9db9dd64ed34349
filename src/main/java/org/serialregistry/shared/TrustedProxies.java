package org.serialregistry.shared;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The network ranges (CIDR, IPv4 and IPv6) whose requests come from our own proxy or CDN, from
 * {@code serial-registry.trusted-proxies} (default: none). Only a request whose peer address is in
 * one of them may tell us the client's address ({@code X-Forwarded-For}) or country
 * ({@code CF-IPCountry}); from anyone else those headers are the client's own claims and are ignored.
 */
public final class TrustedProxies {

    private record Range(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * Parses a comma-separated CIDR list, e.g. {@code 10.0.0.0/8, 2001:db8::/32, 192.0.2.7}.
     *
     * @throws IllegalArgumentException naming the entry that is not an address or range
     */
    public static TrustedProxies parse(@Nullable String cidrs) {
        if (cidrs == null || cidrs.isBlank()) {
            return NONE;
        }
        var ranges = new ArrayList<Range>();
        for (String entry : cidrs.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int slash = e.indexOf('/');
            byte[] network = literal(slash < 0 ? e : e.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("serial-registry.trusted-proxies: '" + e
                        + "' is not an IP address or CIDR range");
            }
            int bits;
            try {
                bits = slash < 0 ? network.length * 8 : Integer.parseInt(e.substring(slash + 1));
            } catch (NumberFormatException nf) {
                bits = -1;
            }
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("serial-registry.trusted-proxies: '" + e
                        + "' has a prefix length outside 0.." + network.length * 8);
            }
            ranges.add(new Range(network, bits));
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    /** Whether the peer (the address the connection came from) is one of our proxies. */
    public boolean trusts(@Nullable String peer) {
        if (ranges.isEmpty() || peer == null) {
            return false;
        }
        byte[] address = literal(peer);
        return address != null && ranges.stream().anyMatch(r -> r.contains(address));
    }

    /**
     * The client's address: the peer itself, unless the peer is a trusted proxy; then the right-most
     * {@code X-Forwarded-For} entry that is not a trusted proxy (entries left of it are the client's
     * own claims).
     */
    public String clientAddress(String peer, @Nullable String forwardedFor) {
        if (forwardedFor == null || !trusts(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        String client = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (literal(hop) == null) {
                break;
            }
            client = hop;
            if (!trusts(hop)) {
                break;
            }
        }
        return client;
    }

    /**
     * The key a per-client limit counts under: an IPv4 address as is, an IPv6 address cut to its
     * /64 (one subscriber usually holds a whole /64 and can pick any address in it).
     */
    public static String limitKey(String address) {
        if (address.indexOf(':') < 0) {
            return address; // IPv4 (or not an address at all): counted as it is, without parsing it per request
        }
        byte[] bytes = literal(address);
        if (bytes == null || bytes.length != 16) {
            return address;
        }
        var sb = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            sb.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return sb.append(":/64").toString();
    }

    /** The bytes of an IP literal; null for anything else (never a DNS lookup). */
    private static byte @Nullable [] literal(String s) {
        String v = s.strip();
        if (v.startsWith("[") && v.endsWith("]")) {
            v = v.substring(1, v.length() - 1);
        }
        if (v.isEmpty() || v.length() > 45) {
            return null;
        }
        boolean ipv4 = v.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9') && v.chars().filter(c -> c == '.').count() == 3;
        boolean ipv6 = v.indexOf(':') >= 0 && v.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
        if (!ipv4 && !ipv6) {
            return null;
        }
        if (ipv4) {
            for (String part : v.split("\\.")) {
                if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
                    return null;
                }
            }
        }
        try {
            byte[] bytes = InetAddress.getByName(v).getAddress();
            if (bytes.length == 16 && isMappedV4(bytes)) {
                return java.util.Arrays.copyOfRange(bytes, 12, 16);
            }
            return bytes;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
