package org.serialregistry.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.security.internal.LoginThrottle;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Electronic signatures through the API. An API key identifies a system, not a person, so a human
 * decision sent with one needs its signer to prove who they are in the same request: their user
 * name and password (throttled like the sign-in form: wrong passwords count against the account),
 * or an OIDC access token of their own whose {@code auth_time} is at most {@link #FRESH} old. The
 * signer must hold one of the roles the decision needs. The portal signs through the same services
 * with the signed-in person's password.
 */
@Service
public class Signers {

    /** How recent an OIDC sign-in must be to sign without typing the password again. */
    public static final Duration FRESH = Duration.ofMinutes(5);

    private final UserAdministration users;
    private final LoginThrottle throttle;
    private final AuditTrail audit;
    private final Clock clock;
    /** A refused signature is audited in a transaction of its own: the request itself fails. */
    private final TransactionTemplate ownTransaction;

    Signers(UserAdministration users, LoginThrottle throttle, AuditTrail audit, Clock clock,
            PlatformTransactionManager transactions) {
        this.users = users;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * The person signing, proven now.
     *
     * @param signature the signer's user name and password (not needed with a fresh OIDC token of the signer)
     * @param allowed  the roles that may sign this decision
     * @throws IllegalArgumentException naming {@code signature.username} or {@code signature.password}:
     *                                  no signer given, a wrong password (nothing is signed), a locked account,
     *                                  or a signer without the role
     */
    public Signer verify(@Nullable SignatureRequest signature, Role... allowed) {
        return verify(signature == null ? null : signature.username(), signature == null ? null : signature.password(),
                allowed);
    }

    private Signer verify(@Nullable String username, @Nullable String password, Role... allowed) {
        Instant now = clock.instant();
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if ((username == null || username.isBlank()) && auth instanceof JwtAuthenticationToken jwt) {
            Instant signedIn = jwt.getToken().getClaimAsInstant("auth_time");
            if (signedIn == null || signedIn.plus(FRESH).isBefore(now)) {
                throw new IllegalArgumentException("signature.password: your sign-in is older than "
                        + FRESH.toMinutes() + " minutes; sign in again or give your password to sign");
            }
            Set<Role> roles = jwt.getAuthorities().stream().map(a -> a.getAuthority())
                    .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5))
                    .filter(r -> Arrays.stream(Role.values()).anyMatch(x -> x.name().equals(r)))
                    .map(Role::valueOf).collect(Collectors.toSet());
            requireRole(jwt.getName(), roles, allowed);
            String printed = jwt.getToken().getClaimAsString("name");
            return new Signer(jwt.getName(), printed == null ? jwt.getName() : printed, "oidc", now, roles);
        }
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("signature.username: a decision is signed by a person: give the "
                    + "signer's user name and password (an API key alone cannot sign)");
        }
        String name = username.strip().toLowerCase(java.util.Locale.ROOT);
        long wait = throttle.secondsToWait(name, "api-signature");
        if (wait > 0) {
            throw new IllegalArgumentException("signature.password: too many wrong passwords for " + name
                    + "; try again in " + wait + " seconds");
        }
        if (!users.confirmPassword(name, password)) {
            throttle.failed(name, "api-signature");
            ownTransaction.executeWithoutResult(t -> audit.record("signature.refused", "user", name, null,
                    AuditTrail.state("why", "wrong password", "through", "api")));
            throw new IllegalArgumentException("signature.password: the user name or password is not correct; "
                    + "nothing was signed or decided");
        }
        throttle.succeeded(name);
        return signer(name, "password", now, allowed);
    }

    private Signer signer(String username, String how, Instant at, Role... allowed) {
        var account = users.findByUsername(username).orElseThrow(() -> new IllegalArgumentException(
                "signature.username: no user " + username));
        requireRole(username, account.roles(), allowed);
        return new Signer(username, account.displayName(), how, at, account.roles());
    }

    private static void requireRole(String username, Set<Role> roles, Role... allowed) {
        if (Arrays.stream(allowed).noneMatch(roles::contains)) {
            throw new IllegalArgumentException("signature.username: " + username + " may not sign this decision (it needs "
                    + Arrays.stream(allowed).map(Role::name).collect(Collectors.joining(" or ")) + ")");
        }
    }
}
