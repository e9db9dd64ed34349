package org.serialregistry.security;

import java.util.Set;

/** What an administrator enters to create a portal user. */
public record NewUserAccount(String username, String displayName, String password, Set<Role> roles) {
}
