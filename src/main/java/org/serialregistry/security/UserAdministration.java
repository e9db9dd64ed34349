package org.serialregistry.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.serialregistry.audit.AuditTrail;
import org.serialregistry.security.internal.UserAccount;
import org.serialregistry.security.internal.UserAccountRepository;
import org.serialregistry.shared.InvalidInput;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Administration of portal users: create, disable and enable, reset passwords, assign roles.
 * Every change lands in the audit trail in the same transaction. The last enabled administrator
 * can neither be disabled nor lose the ADMIN role, so the portal never locks itself out.
 */
@Service
public class UserAdministration {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    private final UserAccountRepository users;
    private final PasswordEncoder passwordEncoder;
    private final AuditTrail audit;
    private final Clock clock;

    UserAdministration(UserAccountRepository users, PasswordEncoder passwordEncoder, AuditTrail audit, Clock clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public List<UserAccountView> findAll() {
        return users.findAllByOrderByUsernameAsc().stream().map(UserAccount::toView).toList();
    }

    @Transactional(readOnly = true)
    public Optional<UserAccountView> findByUsername(String username) {
        return users.findByUsernameIgnoreCase(username).map(UserAccount::toView);
    }

    /**
     * @throws org.serialregistry.shared.InvalidInput every problem at once, with the fields
     *         {@code username}, {@code displayName}, {@code password} and {@code roles}
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public UserAccountView create(NewUserAccount request) {
        var errors = new InvalidInput.Collector();
        String username = request.username() == null ? "" : request.username().trim().toLowerCase();
        if (errors.require(USERNAME.matcher(username).matches(), "username",
                "User name must be 2 to 64 characters: lowercase letters, digits, '.', '_' or '-'")) {
            errors.require(!users.existsByUsernameIgnoreCase(username), "username",
                    "User name '" + username + "' is already taken");
        }
        String displayName = errors.get("displayName", () -> requireDisplayName(request.displayName()));
        errors.get("roles", () -> {
            requireRoles(request.roles());
            return true;
        });
        errors.get("password", () -> {
            PasswordPolicy.check(username, request.password());
            return true;
        });
        errors.throwIfAny();
        var account = users.save(new UserAccount(username, displayName, passwordEncoder.encode(request.password()),
                request.roles(), Instant.now(clock)));
        audit.record("user.created", "user", username, null, describe(account));
        return account.toView();
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public UserAccountView update(long id, long expectedVersion, String displayName, Set<Role> roles) {
        var account = load(id, expectedVersion);
        requireRoles(roles);
        if (account.getRoles().contains(Role.ADMIN) && !roles.contains(Role.ADMIN)) {
            requireAnotherAdmin(account);
        }
        var before = describe(account);
        account.setDisplayName(requireDisplayName(displayName));
        account.setRoles(roles);
        audit.record("user.updated", "user", account.getUsername(), before, describe(account));
        return users.saveAndFlush(account).toView();
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public UserAccountView setEnabled(long id, long expectedVersion, boolean enabled) {
        var account = load(id, expectedVersion);
        if (!enabled && account.getRoles().contains(Role.ADMIN)) {
            requireAnotherAdmin(account);
        }
        var before = describe(account);
        account.setEnabled(enabled);
        audit.record(enabled ? "user.enabled" : "user.disabled", "user", account.getUsername(), before, describe(account));
        return users.saveAndFlush(account).toView();
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public UserAccountView resetPassword(long id, long expectedVersion, String newPassword) {
        var account = load(id, expectedVersion);
        PasswordPolicy.check(account.getUsername(), newPassword);
        account.setPasswordHash(passwordEncoder.encode(newPassword));
        // The audit entry says that the password changed, never what it is
        audit.record("user.password-reset", "user", account.getUsername(), null, AuditTrail.state("password", "changed"));
        return users.saveAndFlush(account).toView();
    }

    /**
     * Creates or refreshes a user known from an OIDC login, with the roles the identity provider
     * granted; such users have no password here.
     */
    @Transactional
    public void syncExternalUser(String username, String displayName, Set<Role> roles) {
        var existing = users.findByUsernameIgnoreCase(username);
        if (existing.isEmpty()) {
            var account = users.save(new UserAccount(username.toLowerCase(), displayName, null, roles, Instant.now(clock)));
            audit.record("user.created-from-oidc", "user", account.getUsername(), null, describe(account));
        } else if (!existing.get().getRoles().equals(roles)) {
            var account = existing.get();
            var before = describe(account);
            account.setRoles(roles);
            audit.record("user.roles-from-oidc", "user", account.getUsername(), before, describe(account));
        }
    }

    /** Used at start-up (demo seeding, bootstrap administrator); not reachable from the portal. */
    @Transactional
    public void createIfAbsent(String username, String displayName, String password, Set<Role> roles) {
        if (!users.existsByUsernameIgnoreCase(username)) {
            var account = users.save(new UserAccount(username, displayName, passwordEncoder.encode(password), roles,
                    Instant.now(clock)));
            audit.record("user.created", "user", username, null, describe(account));
        }
    }

    /**
     * Re-checks a signed-in user's password, for electronic signatures: true only for an enabled
     * account whose stored BCrypt hash matches. Users without a local password (OIDC) cannot sign here.
     */
    @Transactional(readOnly = true)
    public boolean confirmPassword(String username, String password) {
        if (username == null || password == null || password.isEmpty()) {
            return false;
        }
        return users.findByUsernameIgnoreCase(username)
                .filter(UserAccount::isEnabled)
                .filter(a -> a.getPasswordHash() != null)
                .map(a -> passwordEncoder.matches(password, a.getPasswordHash()))
                .orElse(false);
    }

    @Transactional(readOnly = true)
    public boolean anyEnabledAdmin() {
        return users.countEnabledWithRole(Role.ADMIN) > 0;
    }

    private UserAccount load(long id, long expectedVersion) {
        var account = users.findById(id).orElseThrow(() -> new IllegalArgumentException("No user with id " + id));
        if (account.getVersion() != expectedVersion) {
            throw new ObjectOptimisticLockingFailureException(UserAccount.class, id);
        }
        return account;
    }

    private void requireAnotherAdmin(UserAccount account) {
        if (account.isEnabled() && users.countEnabledWithRole(Role.ADMIN) <= 1) {
            throw new IllegalArgumentException("'" + account.getUsername()
                    + "' is the last enabled administrator: appoint another one first");
        }
    }

    private static String requireDisplayName(String displayName) {
        if (displayName == null || displayName.isBlank() || displayName.length() > 128) {
            throw new IllegalArgumentException("Display name must have 1 to 128 characters");
        }
        return displayName.trim();
    }

    private static void requireRoles(Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("Choose at least one role");
        }
    }

    private static java.util.Map<String, Object> describe(UserAccount account) {
        return AuditTrail.state("username", account.getUsername(), "displayName", account.getDisplayName(),
                "enabled", account.isEnabled(), "roles", account.getRoles().stream().map(Enum::name).sorted().toList());
    }
}
