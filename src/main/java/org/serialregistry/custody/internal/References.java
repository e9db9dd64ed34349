package org.serialregistry.custody.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/** Business transaction references stored as {@code type=id;type=id}. */
public final class References {

    private References() {
    }

    public static @Nullable String format(Map<String, String> refs) {
        if (refs == null || refs.isEmpty()) {
            return null;
        }
        return refs.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }

    public static Map<String, String> parse(@Nullable String refs) {
        var map = new LinkedHashMap<String, String>();
        if (refs == null || refs.isBlank()) {
            return map;
        }
        for (String part : refs.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                map.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return map;
    }
}
