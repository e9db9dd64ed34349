package org.serialregistry.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One field of an audited change in words a person reads: {@code status: IN_TRANSIT → RECEIVED}
 * instead of two JSON documents. A field only before is removed, only after is new.
 *
 * @param before null when the field did not exist before
 * @param after  null when the field no longer exists
 */
public record AuditChange(String field, @Nullable String before, @Nullable String after) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The fields that differ between the before and after states (JSON objects as the trail stores them). */
    public static List<AuditChange> between(@Nullable String beforeJson, @Nullable String afterJson) {
        var before = flat(beforeJson);
        var after = flat(afterJson);
        var fields = new LinkedHashSet<String>(before.keySet());
        fields.addAll(after.keySet());
        var changes = new ArrayList<AuditChange>();
        for (String f : fields) {
            String b = before.get(f);
            String a = after.get(f);
            if (!Objects.equals(b, a) || beforeJson == null || afterJson == null) {
                changes.add(new AuditChange(f, b, a));
            }
        }
        return changes;
    }

    /** A state as "field: value, field: value" (empty for none). */
    public static String readable(@Nullable String json) {
        var parts = new ArrayList<String>();
        flat(json).forEach((k, v) -> parts.add(k + ": " + v));
        return String.join(", ", parts);
    }

    /** The changes as lines: "status: IN_TRANSIT → RECEIVED", "note: (none) → damaged box". */
    public static String describe(List<AuditChange> changes) {
        var lines = new ArrayList<String>();
        for (var c : changes) {
            lines.add(c.field() + ": " + (c.before() == null ? "" : c.before() + " → ") + (c.after() == null ? "(removed)" : c.after()));
        }
        return String.join("\n", lines);
    }

    private static Map<String, String> flat(@Nullable String json) {
        var out = new LinkedHashMap<String, String>();
        if (json == null || json.isBlank()) {
            return out;
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException truncatedOrNotJson) {
            out.put("state", json);
            return out;
        }
        if (!node.isObject()) {
            out.put("state", text(node));
            return out;
        }
        for (var e : node.properties()) {
            out.put(e.getKey(), text(e.getValue()));
        }
        return out;
    }

    private static String text(JsonNode v) {
        if (v == null || v.isNull()) {
            return "(none)";
        }
        if (v.isArray()) {
            var items = new ArrayList<String>();
            v.forEach(i -> items.add(text(i)));
            return String.join(", ", items);
        }
        return v.isValueNode() ? v.asString() : v.toString();
    }
}
