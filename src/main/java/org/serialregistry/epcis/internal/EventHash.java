package org.serialregistry.epcis.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * The EPCIS event hash ID ({@code ni:///sha-256;<hex>?ver=CBV2.0}) after the GS1 event hash algorithm
 * (CBV 2.0, section 8.9): two captures of the same event give the same hash whatever the order of
 * lists, the form of the EPCs, the time zone of the timestamps or the spelling of CBV values.
 *
 * <p>The canonicalisation implemented here (the pre-hash string):
 * <ol>
 *   <li>the event type first, then the standard fields in the algorithm's order (eventTime,
 *       eventTimeZoneOffset, epcList, parentID, inputEPCList, childEPCs, quantityList, childQuantityList,
 *       inputQuantityList, outputEPCList, outputQuantityList, action, transformationID, bizStep,
 *       disposition, persistentDisposition, readPoint, bizLocation, bizTransactionList, sourceList,
 *       destinationList, sensorElementList, ilmd), then every other field (extensions) sorted by name;</li>
 *   <li>left out: eventID, recordTime, errorDeclaration, certificationInfo, {@code @context} and
 *       {@code type} (so an error declaration hashes like the event it declares);</li>
 *   <li>a value is written {@code name=value}; an object as its name followed by its members sorted;
 *       a list as the sorted renderings of its elements, each under the list's name;</li>
 *   <li>EPCs in the canonical Digital Link form ({@link Epcs#canonical}); timestamps in UTC with
 *       milliseconds ({@code 2005-04-05T02:33:31.116Z}); bare CBV values expanded
 *       ({@code shipping} to {@code urn:epcglobal:cbv:bizstep:shipping}, and so for dispositions,
 *       business transaction and source/destination types); numbers without trailing zeros.</li>
 * </ol>
 * Not done (so the hash is not byte-identical with GS1's reference implementation for every event):
 * extension namespace prefixes are not expanded to their IRIs, and URN forms of classes (lgtin) are
 * kept as sent.
 */
public final class EventHash {

    private static final List<String> ORDER = List.of("eventTime", "eventTimeZoneOffset", "epcList", "parentID",
            "inputEPCList", "childEPCs", "quantityList", "childQuantityList", "inputQuantityList", "outputEPCList",
            "outputQuantityList", "action", "transformationID", "bizStep", "disposition", "persistentDisposition",
            "readPoint", "bizLocation", "bizTransactionList", "sourceList", "destinationList", "sensorElementList",
            "ilmd");
    private static final Set<String> LEFT_OUT = Set.of("eventID", "recordTime", "errorDeclaration",
            "certificationInfo", "@context", "type");
    private static final Set<String> TIMES = Set.of("eventTime", "time", "startTime", "endTime", "declarationTime");
    private static final DateTimeFormatter UTC_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
    private static final Map<String, String> CBV_PREFIX = Map.of(
            "bizStep", "urn:epcglobal:cbv:bizstep:",
            "disposition", "urn:epcglobal:cbv:disp:",
            "set", "urn:epcglobal:cbv:disp:",
            "unset", "urn:epcglobal:cbv:disp:");

    private EventHash() {
    }

    public static String of(JsonNode event) {
        return "ni:///sha-256;" + HexFormat.of().formatHex(sha256(preHash(event))) + "?ver=CBV2.0";
    }

    /** The string that is hashed (visible for tests and for partners comparing implementations). */
    public static String preHash(JsonNode event) {
        var out = new StringBuilder("eventType=").append(event.path("type").asString(""));
        for (String name : ORDER) {
            if (event.has(name)) {
                out.append(render(name, event.get(name), null));
            }
        }
        var rest = new ArrayList<String>();
        for (var e : event.properties()) {
            if (!ORDER.contains(e.getKey()) && !LEFT_OUT.contains(e.getKey())) {
                rest.add(render(e.getKey(), e.getValue(), null));
            }
        }
        rest.stream().sorted().forEach(out::append);
        return out.toString();
    }

    private static String render(String name, JsonNode node, String parent) {
        if (node.isObject()) {
            var parts = new ArrayList<String>();
            for (var e : node.properties()) {
                parts.add(render(e.getKey(), e.getValue(), name));
            }
            return name + String.join("", parts.stream().sorted().toList());
        }
        if (node.isArray()) {
            var parts = new ArrayList<String>();
            for (JsonNode element : node) {
                parts.add(render(name, element, parent));
            }
            return String.join("", parts.stream().sorted().toList());
        }
        return name + "=" + value(name, node, parent);
    }

    private static String value(String name, JsonNode node, String parent) {
        if (node.isNumber()) {
            return node.decimalValue().stripTrailingZeros().toPlainString();
        }
        String v = node.asString("").trim();
        if (TIMES.contains(name)) {
            try {
                return OffsetDateTime.parse(v).withOffsetSameInstant(ZoneOffset.UTC).format(UTC_MILLIS);
            } catch (DateTimeParseException notATime) {
                return v;
            }
        }
        String prefix = CBV_PREFIX.get(name);
        if (prefix == null && "type".equals(name) && parent != null) {
            prefix = parent.equals("bizTransactionList") ? "urn:epcglobal:cbv:btt:"
                    : parent.equals("sourceList") || parent.equals("destinationList") ? "urn:epcglobal:cbv:sdt:" : null;
        }
        if (prefix != null) {
            String cbvName = Cbv.shortName(v);
            if (cbvName != null && !cbvName.contains(":") && !cbvName.contains("/")) {
                return prefix + cbvName;
            }
        }
        return v.startsWith("urn:epc:id:") || v.startsWith("http") ? Epcs.canonical(v) : v;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
