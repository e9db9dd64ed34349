package org.serialregistry.security;

import java.time.Instant;

/** An API key as administrators see it: never the secret, only its public prefix. */
public record ApiKeyView(long id, String name, String prefix, Role role, String partyRef, String createdBy,
                         Instant createdAt, Instant revokedAt, String revokedBy) {

    public boolean active() {
        return revokedAt == null;
    }
}
