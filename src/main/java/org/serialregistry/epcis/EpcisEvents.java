package org.serialregistry.epcis;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.serialregistry.custody.Parties;
import org.serialregistry.epcis.internal.Cbv;
import org.serialregistry.epcis.internal.EpcisStore;
import org.serialregistry.epcis.internal.Epcs;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The EPCIS 2.0 standard query over captured events, scoped like custody reads: administrators and
 * channel managers see every event; a party-bound caller (a distributor's or service centre's key, a
 * production site) sees the events that name its party (as source, destination, business location or
 * read point) or that it captured; a party-bound caller bound to no party sees none.
 */
@Service
public class EpcisEvents {

    private static final String TOKEN_PREFIX = "after:";

    private final EpcisStore store;
    private final Parties parties;
    private final JsonMapper json;

    EpcisEvents(EpcisStore store, Parties parties, JsonMapper json) {
        this.store = store;
        this.parties = parties;
        this.json = json;
    }

    /**
     * One page of events in capture order.
     *
     * @throws IllegalArgumentException naming the parameter (perPage out of range, a page token this
     *                                  server did not issue, an empty time range)
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','PRODUCTION','DISTRIBUTOR','SERVICE_CENTER')")
    public EventPage query(EventQuery q) {
        var problems = new ArrayList<String>();
        if (q.perPage() < 1 || q.perPage() > EventQuery.MAX_PER_PAGE) {
            problems.add("perPage: 1 to " + EventQuery.MAX_PER_PAGE + " events per page, got " + q.perPage());
        }
        long after = 0;
        if (q.pageToken() != null && !q.pageToken().isBlank()) {
            after = decode(q.pageToken());
            if (after < 0) {
                problems.add("nextPageToken: not a page token of this query (start again without it)");
            }
        }
        if (q.fromEventTime() != null && q.beforeEventTime() != null && !q.fromEventTime().isBefore(q.beforeEventTime())) {
            problems.add("LT_eventTime: must be later than GE_eventTime");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        boolean everyParty = !parties.partyBoundCaller();
        var filter = new EpcisStore.Filter(cbv(q.bizSteps()), cbv(q.dispositions()), trimmed(q.bizLocations()),
                epcs(q.matchEpc()), epcs(q.matchAnyEpc()), utc(q.fromEventTime()), utc(q.beforeEventTime()),
                everyParty ? null : parties.actingParty().orElse(null), everyParty, after, q.perPage() + 1);
        var rows = store.find(filter);
        var events = new ArrayList<tools.jackson.databind.JsonNode>();
        for (var row : rows.subList(0, Math.min(rows.size(), q.perPage()))) {
            var event = (ObjectNode) json.readTree(row.body());
            event.put("recordTime", row.recordTime().withOffsetSameInstant(ZoneOffset.UTC).toString());
            if (row.errorDeclaration() != null && !event.has("errorDeclaration")) {
                event.set("errorDeclaration", json.readTree(row.errorDeclaration()));
            }
            events.add(event);
        }
        String next = rows.size() > q.perPage() ? encode(rows.get(q.perPage() - 1).id()) : null;
        return new EventPage(events, next);
    }

    private static List<String> cbv(List<String> values) {
        return trimmed(values).stream().map(Cbv::shortName).filter(Objects::nonNull).toList();
    }

    private static List<String> epcs(List<String> values) {
        return trimmed(values).stream().map(Epcs::canonical).toList();
    }

    private static List<String> trimmed(@Nullable List<String> values) {
        return values == null ? List.of() : values.stream().filter(Objects::nonNull).map(String::trim)
                .filter(v -> !v.isEmpty()).toList();
    }

    private static @Nullable OffsetDateTime utc(java.time.@Nullable Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static String encode(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((TOKEN_PREFIX + id).getBytes(StandardCharsets.UTF_8));
    }

    private static long decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8);
            return text.startsWith(TOKEN_PREFIX) ? Long.parseLong(text.substring(TOKEN_PREFIX.length())) : -1;
        } catch (IllegalArgumentException notOurs) {
            return -1;
        }
    }
}
