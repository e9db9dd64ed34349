package org.serialregistry.security.internal;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.serialregistry.api.ListPage;
import org.serialregistry.api.ListQuery;
import org.serialregistry.api.Versions;
import org.serialregistry.security.ApiKeyView;
import org.serialregistry.security.ApiKeys;
import org.serialregistry.security.IssuedApiKey;
import org.serialregistry.security.NewUserAccount;
import org.serialregistry.security.Role;
import org.serialregistry.security.UserAccountView;
import org.serialregistry.security.UserAdministration;
import org.serialregistry.shared.InvalidInput;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administration for identity systems: portal users (create, edit roles, enable or disable, reset the
 * password) and API keys (create, shown once; revoke), with the checks and audit entries of the
 * Administration screens. ADMIN only.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Administration")
class AdministrationApiController {

    private final UserAdministration users;
    private final ApiKeys keys;

    AdministrationApiController(UserAdministration users, ApiKeys keys) {
        this.users = users;
        this.keys = keys;
    }

    record UserRequest(@Nullable String username, @Nullable String displayName, @Nullable String password,
                       @Nullable Set<Role> roles) {
    }

    record UserChange(@Nullable Long version, @Nullable String displayName, @Nullable Set<Role> roles) {
    }

    record Enabling(@Nullable Long version, @Nullable Boolean enabled) {
    }

    record PasswordReset(@Nullable Long version, @Nullable String password) {
    }

    record KeyRequest(@Nullable String name, @Nullable Role role, @Nullable String partyRef) {
    }

    @PreAuthorize("hasRole('ADMIN')")
    @GetMapping("/users")
    @Operation(summary = "Portal users with their roles; from/to filter the creation time")
    ListPage<UserAccountView> users(@ParameterObject ListQuery.Params params) {
        var q = params.query(List.of("ENABLED", "DISABLED"));
        return q.page(users.findAll(), UserAccountView::createdAt, u -> u.enabled() ? "ENABLED" : "DISABLED");
    }

    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a portal user (the password policy applies; only its hash is stored)")
    UserAccountView create(@RequestBody UserRequest r) {
        return users.create(new NewUserAccount(r.username(), r.displayName(), r.password(),
                r.roles() == null ? Set.of() : r.roles()));
    }

    @PreAuthorize("hasRole('ADMIN')")
    @PutMapping("/users/{id}")
    @Operation(summary = "Change a user's display name and roles (the version read)")
    UserAccountView update(@PathVariable long id, @RequestBody UserChange r) {
        requireUser(id);
        return users.update(id, Versions.required(r.version(), "user"), r.displayName(), r.roles() == null ? Set.of() : r.roles());
    }

    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping("/users/{id}/enabled")
    @Operation(summary = "Enable or disable a user")
    UserAccountView enable(@PathVariable long id, @RequestBody Enabling r) {
        requireUser(id);
        if (r.enabled() == null) {
            throw new IllegalArgumentException("enabled: true or false");
        }
        return users.setEnabled(id, Versions.required(r.version(), "user"), r.enabled());
    }

    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping("/users/{id}/password")
    @Operation(summary = "Reset a user's password (the password policy applies)")
    UserAccountView resetPassword(@PathVariable long id, @RequestBody PasswordReset r) {
        requireUser(id);
        return users.resetPassword(id, Versions.required(r.version(), "user"), r.password());
    }

    @PreAuthorize("hasRole('ADMIN')")
    @GetMapping("/api-keys")
    @Operation(summary = "API keys (never their tokens); state ACTIVE or REVOKED")
    ListPage<ApiKeyView> apiKeys(@ParameterObject ListQuery.Params params) {
        var q = params.query(List.of("ACTIVE", "REVOKED"));
        return q.page(keys.findAll(), ApiKeyView::createdAt, k -> k.active() ? "ACTIVE" : "REVOKED");
    }

    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping("/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an API key for one role (and the party it acts for); the token is in this answer only")
    IssuedApiKey createKey(@RequestBody KeyRequest r) {
        var errors = new InvalidInput.Collector();
        errors.require(r.name() != null && !r.name().isBlank() && r.name().length() <= 100, "name", "1 to 100 characters");
        errors.require(r.role() != null, "role", "the one role the key acts as");
        errors.throwIfAny();
        return keys.create(r.name(), r.role(), r.partyRef());
    }

    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping("/api-keys/{id}/revocation")
    @Operation(summary = "Revoke an API key: its next call answers 401")
    ApiKeyView revoke(@PathVariable long id) {
        if (keys.findAll().stream().noneMatch(k -> k.id() == id)) {
            throw new NoSuchElementException("No API key " + id);
        }
        return keys.revoke(id);
    }

    /** An unknown user is not found (404), as for any other record. */
    private void requireUser(long id) {
        if (users.findAll().stream().noneMatch(u -> u.id() == id)) {
            throw new NoSuchElementException("No user " + id);
        }
    }
}
