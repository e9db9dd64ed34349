package org.serialregistry.security.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.serialregistry.security.ApiKeyView;
import org.serialregistry.security.Role;

@Entity
@Table(name = "api_key")
public class ApiKey {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(name = "key_prefix", nullable = false, updatable = false)
    private String prefix;

    /** SHA-256 of the whole token, hex: keys are random and long, so a slow hash buys nothing. */
    @Column(name = "key_hash", nullable = false, updatable = false)
    private String hash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Role role;

    @Column(name = "party_ref", updatable = false)
    private String partyRef;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "revoked_by")
    private String revokedBy;

    @Version
    private long version;

    protected ApiKey() {
    }

    public ApiKey(String name, String prefix, String hash, Role role, String partyRef, String createdBy, Instant createdAt) {
        this.name = name;
        this.prefix = prefix;
        this.hash = hash;
        this.role = role;
        this.partyRef = partyRef;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public void revoke(String by, Instant at) {
        this.revokedBy = by;
        this.revokedAt = at;
    }

    public ApiKeyView toView() {
        return new ApiKeyView(id, name, prefix, role, partyRef, createdBy, createdAt, revokedAt, revokedBy);
    }

    public String getHash() {
        return hash;
    }

    public Role getRole() {
        return role;
    }

    public boolean isActive() {
        return revokedAt == null;
    }

    public String getName() {
        return name;
    }

    public String getPrefix() {
        return prefix;
    }

    public String getPartyRef() {
        return partyRef;
    }
}
