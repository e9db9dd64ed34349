package org.serialregistry.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.serialregistry.audit.AuditTrail;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Slows password guessing on the portal login: after {@code failures-per-account} wrong passwords
 * for one user name, or {@code failures-per-client} from one client address, further attempts are
 * refused for {@code lock}, doubled on each further lock up to {@code max-lock}; the right password
 * is refused too while the lock lasts. Each lock is audited ("login.throttled"). Counters live in
 * memory (bounded, Caffeine) and are forgotten after the lock period without failures.
 */
@Component
public class LoginThrottle {

    private static final class Failures {
        int count;
        int locks;
        Instant lockedUntil = Instant.MIN;
    }

    private final LoginThrottleProperties settings;
    private final Clock clock;
    private final AuditTrail audit;
    private final Cache<String, Failures> failures;
    private final ClientAddresses clients;
    private final TransactionTemplate tx;

    LoginThrottle(LoginThrottleProperties settings, Clock clock, AuditTrail audit, ClientAddresses clients,
                  PlatformTransactionManager transactions) {
        this.settings = settings;
        this.clients = clients;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.audit = audit;
        this.failures = Caffeine.newBuilder().maximumSize(settings.tracked())
                .expireAfterAccess(settings.maxLock().multipliedBy(2)).build();
    }

    /** Zero when this request's user name may try now from its client, else the seconds until it may. */
    long secondsToWait(HttpServletRequest request) {
        String username = request.getParameter("username");
        return secondsToWait(username == null ? "" : username, clients.address(request));
    }

    /** Zero when this user name may try now from this client, else the seconds until it may. */
    public long secondsToWait(String username, String client) {
        Instant now = clock.instant();
        long wait = 0;
        for (String key : new String[] {account(username), client(client)}) {
            Failures f = failures.getIfPresent(key);
            if (f != null && f.lockedUntil.isAfter(now)) {
                wait = Math.max(wait, Duration.between(now, f.lockedUntil).toSeconds() + 1);
            }
        }
        return wait;
    }

    @EventListener
    void on(AuthenticationFailureBadCredentialsEvent event) {
        HttpServletRequest request = currentRequest();
        if (request != null) {
            failed(event.getAuthentication().getName(), clients.address(request));
        }
    }

    @EventListener
    void on(AuthenticationSuccessEvent event) {
        succeeded(event.getAuthentication().getName());
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }

    /** A wrong password: counts it for the account and the client; locks either at its threshold. */
    public void failed(String username, String client) {
        lockIfDue(account(username), settings.failuresPerAccount(), username, "account");
        lockIfDue(client(client), settings.failuresPerClient(), username, "client");
    }

    /** The right password: the account's count starts again (the client's does not: one client may try many names). */
    public void succeeded(String username) {
        failures.invalidate(account(username));
    }

    private void lockIfDue(String key, int threshold, String username, String scope) {
        Failures f = failures.get(key, k -> new Failures());
        Duration lock;
        synchronized (f) {
            f.count++;
            if (f.count < threshold) {
                return;
            }
            f.count = 0;
            f.locks++;
            lock = settings.lock().multipliedBy(1L << Math.min(f.locks - 1, 20));
            if (lock.compareTo(settings.maxLock()) > 0) {
                lock = settings.maxLock();
            }
            f.lockedUntil = clock.instant().plus(lock);
        }
        long seconds = lock.toSeconds();
        tx.executeWithoutResult(status -> audit.record("login.throttled", "user", cut(username), null,
                AuditTrail.state("scope", scope, "failures", threshold, "lockedSeconds", seconds)));
    }

    private static String account(String username) {
        return "a:" + username.strip().toLowerCase(Locale.ROOT);
    }

    private static String client(String address) {
        return "c:" + address;
    }

    private static String cut(String s) {
        return s.length() > 100 ? s.substring(0, 100) : s;
    }
}
