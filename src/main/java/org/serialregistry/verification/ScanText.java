package org.serialregistry.verification;

/** Makes scanned text safe to store and show: at most 32 characters, printable ASCII only. */
final class ScanText {

    static final int MAX = 32;

    private ScanText() {
    }

    static String cut(String raw) {
        var out = new StringBuilder(Math.min(raw.length(), MAX));
        for (int i = 0; i < raw.length() && out.length() < MAX; i++) {
            char c = raw.charAt(i);
            out.append(c > 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
