package org.serialregistry.epcis;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.custody.Parties;
import org.serialregistry.epcis.CaptureJob.CaptureStatus;
import org.serialregistry.epcis.internal.Cbv;
import org.serialregistry.epcis.internal.CustodyBridge;
import org.serialregistry.epcis.internal.EpcisSchema;
import org.serialregistry.epcis.internal.EpcisStore;
import org.serialregistry.epcis.internal.EpcisStore.CaptureRow;
import org.serialregistry.epcis.internal.EpcisStore.NewEvent;
import org.serialregistry.epcis.internal.EventHash;
import org.serialregistry.epcis.internal.Epcs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * EPCIS 2.0 capture. A document is checked against GS1's EPCIS 2.0 JSON schema first (a refused
 * document stores nothing). Then, in one transaction, each event is de-duplicated by its event hash
 * ({@link EventHash}), stored, packed or unpacked (AggregationEvent ADD / DELETE), and applied to
 * custody through custody's rules: all events of a document, or none. A sender that does not hold a
 * unit is refused, and custody keeps the refusal as a signal even though the document rolls back. An
 * event carrying an {@code errorDeclaration} declares the earlier capture of the same event in error
 * (the packing it did is undone; custody moves are corrected by the corrective events that follow).
 *
 * <p>The job is processed while the request waits (documents are bounded to {@value #MAX_EVENTS}
 * events); its outcome stays readable under its id.
 */
@Service
public class EpcisCapture {

    public static final int MAX_EVENTS = 10_000;
    /** How often a document is applied when concurrent captures keep storing its events first. */
    static final int RACE_ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(EpcisCapture.class);

    private final EpcisSchema schema;
    private final EpcisStore store;
    private final CustodyBridge custody;
    private final Parties parties;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final TransactionTemplate tx;
    private final Clock clock;

    EpcisCapture(EpcisSchema schema, EpcisStore store, CustodyBridge custody, Parties parties, AuditTrail audit,
                 JsonMapper json, PlatformTransactionManager transactions, Clock clock) {
        this.schema = schema;
        this.store = store;
        this.custody = custody;
        this.parties = parties;
        this.audit = audit;
        this.json = json;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Captures an EPCIS 2.0 JSON-LD document.
     *
     * @return the job: SUCCEEDED with every event applied, or FAILED with the reasons and nothing applied
     * @throws EpcisDocumentInvalidException when the document is not JSON, not an EPCISDocument or not
     *                                       valid against the schema; nothing is stored then
     */
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','PRODUCTION','DISTRIBUTOR','SERVICE_CENTER')")
    public CaptureJob capture(String document) {
        JsonNode doc = parse(document);
        JsonNode events = doc.path("epcisBody").path("eventList");
        if (events.size() > MAX_EVENTS) {
            throw new EpcisDocumentInvalidException(List.of("eventList: at most " + MAX_EVENTS
                    + " events per document, got " + events.size() + " (send several documents)"));
        }
        var problems = schema.problems(doc);
        if (!problems.isEmpty()) {
            throw new EpcisDocumentInvalidException(problems);
        }
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        String actor = actor();
        String party = parties.partyBoundCaller() ? parties.actingParty().orElse(null) : null;
        try {
            applyOnce(id, now, actor, party, events);
            return job(id).orElseThrow();
        } catch (RuntimeException refused) {
            String reason = refused instanceof IllegalArgumentException ? refused.getMessage()
                    : "the document could not be applied (" + refused.getClass().getSimpleName() + ")";
            tx.executeWithoutResult(status -> {
                store.insertCapture(new CaptureRow(id, OffsetDateTime.ofInstant(now, ZoneOffset.UTC), actor, party,
                        CaptureStatus.FAILED.name(), events.size(), 0, 0, reason));
                audit.record("epcis.capture-refused", "epcis-capture", id, null,
                        AuditTrail.state("events", events.size(), "reason", reason.length() > 300
                                ? reason.substring(0, 300) : reason));
            });
            if (!(refused instanceof IllegalArgumentException)) {
                throw refused;
            }
            return job(id).orElseThrow();
        }
    }

    /**
     * Applies the document in one transaction. When a concurrent capture stored one of its events (or
     * packed one of its children) after this one looked, the database refuses the second copy (the
     * unique event hash, V0171): nothing of this attempt is kept, and the document is applied again,
     * now finding the event stored (a duplicate, as if sent twice) or the child packed. A lock timeout
     * (the other capture still running) is retried the same way, at most {@value #RACE_ATTEMPTS} times.
     */
    private void applyOnce(String id, Instant now, String actor, @Nullable String party, JsonNode events) {
        for (int attempt = 1; ; attempt++) {
            try {
                tx.executeWithoutResult(status -> apply(id, now, actor, party, events));
                return;
            } catch (DuplicateKeyException | ConcurrencyFailureException | QueryTimeoutException raced) {
                if (attempt == RACE_ATTEMPTS) {
                    throw raced;
                }
                log.info("EPCIS capture {}: a concurrent capture stored the same data meanwhile ({}); applying it again",
                        id, raced.getClass().getSimpleName());
            }
        }
    }

    private JsonNode parse(String document) {
        JsonNode doc;
        try {
            doc = json.readTree(document == null ? "" : document);
        } catch (JacksonException e) {
            throw new EpcisDocumentInvalidException(List.of("document: not JSON (" + e.getOriginalMessage() + ")"));
        }
        if (doc == null || !doc.isObject() || !"EPCISDocument".equals(doc.path("type").asString(""))) {
            throw new EpcisDocumentInvalidException(List.of("type: send an EPCIS 2.0 document (\"type\": \"EPCISDocument\")"));
        }
        return doc;
    }

    private void apply(String id, Instant now, String actor, @Nullable String party, JsonNode events) {
        var recordTime = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        store.insertCapture(new CaptureRow(id, recordTime, actor, party, CaptureStatus.SUCCEEDED.name(), events.size(),
                0, 0, null));
        int applied = 0;
        int duplicates = 0;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            String hash = EventHash.of(event);
            if (event.has("errorDeclaration")) {
                declareError(id, hash, event, recordTime, party);
                applied++;
                continue;
            }
            if (!seen.add(hash) || store.eventByHash(hash).isPresent()) {
                duplicates++;
                continue;
            }
            long eventId = store.insertEvent(newEvent(id, hash, event, recordTime, null));
            index(eventId, event, party);
            if ("AggregationEvent".equals(event.path("type").asString(""))) {
                aggregate(i, eventId, event, recordTime);
            }
            try {
                custody.apply(i, event, hash).ifPresent(lifecycleId -> store.linkLifecycleEvent(eventId, lifecycleId.value()));
            } catch (IllegalArgumentException refused) {
                throw refused.getMessage().startsWith("eventList[") ? refused : inEvent(i, refused);
            }
            applied++;
        }
        store.finishCapture(id, CaptureStatus.SUCCEEDED.name(), applied, duplicates, null);
        audit.record("epcis.captured", "epcis-capture", id, null,
                AuditTrail.state("events", events.size(), "applied", applied, "duplicates", duplicates));
    }

    /** Custody's field names ("serials: ...") as the event's ("eventList[2].epcList: ..."). */
    private static IllegalArgumentException inEvent(int i, IllegalArgumentException refused) {
        String why = refused.getMessage();
        int colon = why.indexOf(": ");
        String field = colon > 0 ? why.substring(0, colon) : "";
        String eventField = switch (field) {
            case "from" -> "sourceList";
            case "to" -> "destinationList";
            case "party" -> "bizLocation";
            case "shipment", "shipmentNumber", "references" -> "bizTransactionList";
            case "shippedAt" -> "eventTime";
            default -> "epcList";
        };
        String detail = eventField.equals("epcList") && !field.equals("serials") ? why : why.substring(colon + 2);
        return new IllegalArgumentException("eventList[" + i + "]." + eventField + ": " + detail, refused);
    }

    private NewEvent newEvent(String captureId, String hash, JsonNode event, OffsetDateTime recordTime,
                              @Nullable String declaresHash) {
        return new NewEvent(captureId, null, hash, text(event, "eventID"), event.path("type").asString(""),
                text(event, "action"), OffsetDateTime.parse(event.path("eventTime").asString()), recordTime,
                Cbv.shortName(text(event, "bizStep")), Cbv.shortName(text(event, "disposition")),
                text(event.path("bizLocation"), "id"), text(event.path("readPoint"), "id"), declaresHash,
                json.writeValueAsString(event));
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private void index(long eventId, JsonNode event, @Nullable String capturingParty) {
        for (var role : List.of(new String[] {"epcList", "epc"}, new String[] {"childEPCs", "child"},
                new String[] {"inputEPCList", "input"}, new String[] {"outputEPCList", "output"})) {
            var epcs = new LinkedHashSet<String>();
            event.path(role[0]).forEach(e -> epcs.add(Epcs.canonical(e.asString(""))));
            store.insertEpcs(eventId, role[1], epcs);
        }
        if (event.has("parentID")) {
            store.insertEpcs(eventId, "parent", List.of(Epcs.canonical(event.get("parentID").asString(""))));
        }
        var named = new LinkedHashSet<>(CustodyBridge.partiesOf(event));
        if (capturingParty != null) {
            named.add(capturingParty);
        }
        store.insertParties(eventId, named);
    }

    private void aggregate(int i, long eventId, JsonNode event, OffsetDateTime at) {
        String action = event.path("action").asString("");
        String parent = Epcs.canonical(event.path("parentID").asString(""));
        var children = new ArrayList<String>();
        event.path("childEPCs").forEach(e -> children.add(Epcs.canonical(e.asString(""))));
        String where = "eventList[" + i + "]";
        if ((action.equals("ADD") || action.equals("DELETE")) && parent.isEmpty()) {
            throw new IllegalArgumentException(where + ".parentID: an aggregation " + action
                    + " names the case or pallet (parentID)");
        }
        if (action.equals("ADD")) {
            for (String child : children) {
                if (child.equals(parent)) {
                    throw new IllegalArgumentException(where + ".childEPCs: " + child + " cannot be packed into itself");
                }
                var packedIn = store.parentOf(child);
                if (packedIn.isPresent() && !packedIn.get().equals(parent)) {
                    throw new IllegalArgumentException(where + ".childEPCs: " + child + " is already packed in "
                            + packedIn.get() + "; unpack it first (AggregationEvent DELETE)");
                }
                if (packedIn.isEmpty()) {
                    store.pack(parent, child, eventId, at);
                }
            }
        } else if (action.equals("DELETE")) {
            var toUnpack = children.isEmpty() ? store.childrenOf(parent) : children;
            for (String child : toUnpack) {
                if (store.unpack(parent, child) == 0) {
                    throw new IllegalArgumentException(where + ".childEPCs: " + child + " is not packed in " + parent);
                }
            }
        }
    }

    /**
     * An event that carries an errorDeclaration: the earlier capture of the same event (same hash) is
     * declared in error, and the packing it did is undone. A declaration of an event never captured here is
     * stored as it came (queries return it with its errorDeclaration); it changes no custody.
     */
    private void declareError(String captureId, String hash, JsonNode event, OffsetDateTime recordTime,
                              @Nullable String capturingParty) {
        JsonNode declaration = event.get("errorDeclaration");
        var at = Optional.ofNullable(text(declaration, "declarationTime")).map(OffsetDateTime::parse).orElse(recordTime);
        var target = store.eventByHash(hash);
        if (target.isPresent() && target.get().declaredErrorAt() != null) {
            return;
        }
        if (target.isPresent()) {
            store.declareError(target.get().id(), at, json.writeValueAsString(declaration));
            store.unpackEvent(target.get().id());
            store.insertEvent(newEvent(captureId, hash, event, recordTime, hash));
        } else {
            long id = store.insertEvent(newEvent(captureId, hash, event, recordTime, null));
            store.declareError(id, at, json.writeValueAsString(declaration));
            index(id, event, capturingParty);
        }
        audit.record("epcis.error-declared", "epcis-event", hash, AuditTrail.state("declaredInError", false),
                AuditTrail.state("declaredInError", true, "earlierCapture", target.isPresent(),
                        "reason", text(declaration, "reason"),
                        "correctiveEventIDs", String.join(" ", textList(declaration.path("correctiveEventIDs")))));
    }

    private static List<String> textList(JsonNode array) {
        var out = new ArrayList<String>();
        array.forEach(n -> out.add(n.asString("")));
        return out;
    }

    /**
     * A capture job: visible to whoever may see its party's events (administrators and channel
     * managers see all; a party-bound caller its own party's captures).
     */
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','PRODUCTION','DISTRIBUTOR','SERVICE_CENTER')")
    public Optional<CaptureJob> job(String id) {
        return store.capture(id).filter(this::visible).map(c -> new CaptureJob(c.id(), CaptureStatus.valueOf(c.status()),
                c.capturedAt().toInstant(), c.capturedBy(), c.party(), c.eventCount(), c.appliedCount(),
                c.duplicateCount(), c.errors() == null ? List.of() : List.of(c.errors().split("\n"))));
    }

    private boolean visible(CaptureRow c) {
        if (!parties.partyBoundCaller()) {
            return true;
        }
        var mine = parties.actingParty();
        return mine.isPresent() ? mine.get().equals(c.party()) : c.capturedBy().equals(actor());
    }

    private static String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }
}
