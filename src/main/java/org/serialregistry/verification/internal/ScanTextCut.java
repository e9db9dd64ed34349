package org.serialregistry.verification.internal;

/** Scanned text cut to 32 printable ASCII characters (others replaced by '?'), for display and links. */
final class ScanTextCut {

    private ScanTextCut() {
    }

    static String cut(String raw) {
        var out = new StringBuilder(Math.min(raw.length(), 32));
        for (int i = 0; i < raw.length() && out.length() < 32; i++) {
            char c = raw.charAt(i);
            out.append(c > 0x20 && c < 0x7f && c != '?' && c != '#' && c != '/' ? c : '_');
        }
        return out.toString();
    }
}
