package org.serialregistry.security;

import java.time.Instant;
import java.util.Set;

/**
 * A person who has just proven who they are in order to sign a decision: made only by
 * {@link Signers} (after a password check or a fresh OIDC sign-in), so a service that takes a
 * {@code Signer} knows the signature is a person's, never an API key's.
 *
 * @param username    the person's user name, as the signature record names them
 * @param displayName the printed name on the signature
 * @param how         how they proved it: {@code password} or {@code oidc}
 */
public final class Signer {

    private final String username;
    private final String displayName;
    private final String how;
    private final Instant at;
    private final Set<Role> roles;

    Signer(String username, String displayName, String how, Instant at, Set<Role> roles) {
        this.username = username;
        this.displayName = displayName;
        this.how = how;
        this.at = at;
        this.roles = Set.copyOf(roles);
    }

    /** The signer's own roles (not the calling system's). */
    public Set<Role> roles() {
        return roles;
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    public String how() {
        return how;
    }

    public Instant at() {
        return at;
    }

    @Override
    public String toString() {
        return username + " (" + how + ", " + at + ")";
    }
}
