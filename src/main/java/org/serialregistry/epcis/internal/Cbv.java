package org.serialregistry.epcis.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** CBV values in the short form we index and compare ({@code shipping}), from bare names or full URIs. */
public final class Cbv {

    private static final List<String> PREFIXES = List.of("urn:epcglobal:cbv:bizstep:", "urn:epcglobal:cbv:disp:",
            "urn:epcglobal:cbv:btt:", "urn:epcglobal:cbv:sdt:", "urn:epcglobal:cbv:er:",
            "https://ref.gs1.org/cbv/BizStep-", "https://ref.gs1.org/cbv/Disp-", "https://ref.gs1.org/cbv/BTT-",
            "https://ref.gs1.org/cbv/SDT-", "https://ref.gs1.org/cbv/ER-", "gs1:BizStep-", "gs1:Disp-", "gs1:BTT-",
            "gs1:SDT-", "cbv:BizStep-", "cbv:Disp-", "cbv:BTT-", "cbv:SDT-");

    private Cbv() {
    }

    public static @Nullable String shortName(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        for (String prefix : PREFIXES) {
            if (v.startsWith(prefix)) {
                return v.substring(prefix.length());
            }
        }
        return v;
    }
}
