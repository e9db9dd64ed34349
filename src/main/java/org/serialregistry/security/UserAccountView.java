package org.serialregistry.security;

import java.time.Instant;
import java.util.Set;

/** A portal user as the administration screens see it; never carries the password hash. */
public record UserAccountView(long id, String username, String displayName, boolean enabled, Set<Role> roles,
                              Instant createdAt, long version) {
}
