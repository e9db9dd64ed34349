package org.serialregistry.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.serialregistry.audit.internal.AuditEntry;
import org.serialregistry.audit.internal.AuditEntryRepository;
import org.serialregistry.audit.internal.AuditSearchStore;
import org.springframework.data.domain.Pageable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only audit trail. {@link #record} joins the caller's transaction, so an audit entry
 * exists exactly when the change it describes was committed. Entries are never updated or deleted:
 * the database refuses both.
 */
@Service
public class AuditTrail {

    private static final int MAX_STATE_LENGTH = 8000;

    private final AuditEntryRepository entries;
    private final AuditSearchStore search;
    private final JsonMapper json;
    private final Clock clock;

    AuditTrail(AuditEntryRepository entries, AuditSearchStore search, JsonMapper json, Clock clock) {
        this.entries = entries;
        this.search = search;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records a change made by the current user (or "system" when nobody is signed in).
     *
     * @param before state before the change as a flat map (null for a creation)
     * @param after  state after the change (null for a removal)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String action, String subjectType, String subjectId, Map<String, ?> before, Map<String, ?> after) {
        entries.save(new AuditEntry(Instant.now(clock), currentActor(), action, subjectType, subjectId,
                toJson(before), toJson(after)));
    }

    /** Newest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public List<AuditRecord> find(AuditQuery query, Pageable page) {
        return search.find(query, page.getOffset(), page.getPageSize());
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public long count(AuditQuery query) {
        return search.count(query);
    }

    /** Builds an ordered map for before/after states; null values are kept as nulls. */
    public static Map<String, Object> state(Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("state needs key/value pairs");
        }
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private String toJson(Map<String, ?> state) {
        if (state == null) {
            return null;
        }
        String text = json.writeValueAsString(state);
        return text.length() > MAX_STATE_LENGTH ? text.substring(0, MAX_STATE_LENGTH - 1) + "…" : text;
    }

    private static String currentActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() ? "system" : auth.getName();
    }
}
