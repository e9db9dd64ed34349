package org.serialregistry.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.serialregistry.audit.AuditTrail;
import org.serialregistry.security.internal.ApiKey;
import org.serialregistry.security.internal.ApiKeyRepository;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys for ERP, MES and partner systems. A key looks like {@code sr_<prefix>_<secret>}; the
 * database keeps the prefix (to find the key) and a SHA-256 of the whole token, never the token.
 * Each key is bound to one role and optionally to a party (distributor, service centre).
 */
@Service
public class ApiKeys {

    public static final String TOKEN_START = "sr_";
    private static final Pattern TOKEN = Pattern.compile("sr_([a-z0-9]{8})_([A-Za-z0-9]{16,64})");
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final char[] PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final ApiKeyRepository keys;
    private final AuditTrail audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiKeys(ApiKeyRepository keys, AuditTrail audit, Clock clock) {
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public IssuedApiKey create(String name, Role role, String partyRef) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("Key name must have 1 to 100 characters");
        }
        if (role == null) {
            throw new IllegalArgumentException("Choose the role the key acts as");
        }
        String prefix;
        do {
            prefix = randomString(PREFIX_ALPHABET, 8);
        } while (keys.findByPrefix(prefix).isPresent());
        String token = TOKEN_START + prefix + "_" + randomString(ALPHABET, 40);
        return new IssuedApiKey(store(name.trim(), prefix, token, role, blankToNull(partyRef)), token);
    }

    /** Registers a key with a known token (demo mode only: the README documents these tokens). */
    @Transactional
    public void registerKnownToken(String name, String token, Role role, String partyRef) {
        var m = TOKEN.matcher(token);
        if (!m.matches()) {
            throw new IllegalArgumentException("malformed API key");
        }
        if (keys.findByPrefix(m.group(1)).isEmpty()) {
            store(name, m.group(1), token, role, partyRef);
        }
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public ApiKeyView revoke(long id) {
        var key = keys.findById(id).orElseThrow(() -> new IllegalArgumentException("No API key with id " + id));
        if (!key.isActive()) {
            throw new IllegalArgumentException("Key '" + key.getName() + "' is already revoked");
        }
        key.revoke(SecurityContextHolder.getContext().getAuthentication().getName(), Instant.now(clock));
        audit.record("api-key.revoked", "api-key", key.getPrefix(), AuditTrail.state("active", true),
                AuditTrail.state("active", false));
        return key.toView();
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public List<ApiKeyView> findAll() {
        return keys.findAllByOrderByCreatedAtDesc().stream().map(ApiKey::toView).toList();
    }

    /** The active key this token belongs to, if any. Constant-time on the secret part. */
    @Transactional(readOnly = true)
    public Optional<ApiKeyView> authenticate(String token) {
        if (token == null) {
            return Optional.empty();
        }
        var m = TOKEN.matcher(token);
        if (!m.matches()) {
            return Optional.empty();
        }
        return keys.findByPrefix(m.group(1))
                .filter(ApiKey::isActive)
                .filter(k -> MessageDigest.isEqual(k.getHash().getBytes(StandardCharsets.US_ASCII),
                        sha256(token).getBytes(StandardCharsets.US_ASCII)))
                .map(ApiKey::toView);
    }

    /** The principal name an API key authenticates as (it goes into audit entries and records). */
    public static final String PRINCIPAL_PREFIX = "api-key:";

    /**
     * The party the API key behind a principal name ({@code api-key:<prefix>}) is bound to, revoked
     * keys included (what a key did stays attributed to its party). Empty for other names.
     */
    @Transactional(readOnly = true)
    public Optional<String> partyOfPrincipal(String principalName) {
        if (principalName == null || !principalName.startsWith(PRINCIPAL_PREFIX)) {
            return Optional.empty();
        }
        return keys.findByPrefix(principalName.substring(PRINCIPAL_PREFIX.length()))
                .map(ApiKey::getPartyRef).filter(ref -> !ref.isBlank());
    }

    private ApiKeyView store(String name, String prefix, String token, Role role, String partyRef) {
        String actor = Optional.ofNullable(SecurityContextHolder.getContext().getAuthentication())
                .map(a -> a.getName()).orElse("system");
        var key = keys.save(new ApiKey(name, prefix, sha256(token), role, partyRef, actor, Instant.now(clock)));
        audit.record("api-key.created", "api-key", prefix, null,
                AuditTrail.state("name", name, "role", role.name(), "party", partyRef));
        return key.toView();
    }

    private String randomString(char[] alphabet, int length) {
        var sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return sb.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The SHA-256 (hex) of a token: what the database keeps of a key, and what caches of keys are keyed by. */
    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
