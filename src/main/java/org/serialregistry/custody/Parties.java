package org.serialregistry.custody;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.custody.internal.PartyStore;
import org.serialregistry.security.ApiKeys;
import org.serialregistry.security.CurrentUser;
import org.serialregistry.security.Role;
import org.serialregistry.serial.MasterData;
import org.serialregistry.shared.CountryCode;
import org.serialregistry.shared.Gtin;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The parties of the supply chain (manufacturer sites, distributors, retailers, service centres),
 * the markets each is authorised for, the portal users bound to them, and per-product exceptions
 * (markets beyond a unit's intended market where it may go without a diversion alert).
 * API keys are bound to a party by their {@code partyRef}.
 */
@Service
public class Parties {

    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,31}");

    private final PartyStore store;
    private final MasterData masterData;
    private final CurrentUser currentUser;
    private final ApiKeys apiKeys;
    private final AuditTrail audit;
    private final Clock clock;

    Parties(PartyStore store, MasterData masterData, CurrentUser currentUser, ApiKeys apiKeys, AuditTrail audit,
            Clock clock) {
        this.store = store;
        this.apiKeys = apiKeys;
        this.masterData = masterData;
        this.currentUser = currentUser;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<PartyView> all() {
        return store.all();
    }

    @Transactional(readOnly = true)
    public Optional<PartyView> find(String code) {
        return code == null ? Optional.empty() : store.find(code.trim().toUpperCase(java.util.Locale.ROOT));
    }

    /** The party with this code, or an error that names the unknown code. */
    @Transactional(readOnly = true)
    public PartyView require(String field, String code) {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException(field + ": name the party by its code");
        }
        return find(code).orElseThrow(() -> new IllegalArgumentException(field + ": no party with code '"
                + abbreviate(code.trim()) + "'"));
    }

    /** The manufacturer site that holds the units of this facility before they first move. */
    @Transactional(readOnly = true)
    public Optional<PartyView> manufacturerOf(String facilityCode) {
        return store.manufacturerOf(facilityCode);
    }

    /**
     * The party the caller acts for: an API key's party, or the party the portal user is bound to.
     * Empty for callers bound to no party (administrators, channel managers, production).
     */
    @Transactional(readOnly = true)
    public Optional<String> actingParty() {
        var keyParty = currentUser.apiKeyParty();
        if (keyParty.isPresent()) {
            return keyParty;
        }
        return currentUser.username().flatMap(store::partyOfUser);
    }

    /**
     * The party a principal is bound to, if any (for other modules that scope work by party): a portal
     * user's binding, or the party of the API key behind an {@code api-key:<prefix>} name.
     */
    @Transactional(readOnly = true)
    public Optional<PartyView> partyOfUser(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return apiKeys.partyOfPrincipal(username).or(() -> store.partyOfUser(username)).flatMap(store::find);
    }

    /**
     * Whether the caller acts (and reads custody) only for the party it is bound to. Every caller
     * does, except administrators and channel managers: they run the channel for the manufacturer and
     * may record a custody step on behalf of any party (a partner's manifest, a correction). A caller
     * bound to no party acts for none.
     */
    public boolean partyBoundCaller() {
        var roles = currentUser.roles();
        return !roles.contains(Role.ADMIN) && !roles.contains(Role.CHANNEL);
    }

    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL')")
    public PartyView create(NewParty party) {
        var v = validate(party);
        if (store.find(v.code).isPresent()) {
            throw new IllegalArgumentException("code: a party with code " + v.code + " already exists");
        }
        store.insert(v.code, v.name, party.type(), v.country.value(), v.markets, v.facility, Instant.now(clock));
        var created = store.find(v.code).orElseThrow();
        audit.record("party.created", "party", v.code, null, state(created));
        return created;
    }

    /** Creates the party unless its code exists (demo data and idempotent set-up scripts). */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL')")
    public PartyView createIfAbsent(NewParty party) {
        var existing = find(party.code());
        return existing.isPresent() ? existing.get() : create(party);
    }

    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL')")
    public PartyView update(String code, long version, NewParty party) {
        var before = require("code", code);
        var v = validate(party);
        if (!v.code.equals(before.code())) {
            throw new IllegalArgumentException("code: a party's code cannot change (it is recorded in custody events)");
        }
        if (store.update(before.code(), v.name, party.type(), v.country.value(), v.markets, v.facility, version) == 0) {
            throw new IllegalArgumentException("version: someone else changed party " + code + " meanwhile; reload it");
        }
        var after = store.find(before.code()).orElseThrow();
        audit.record("party.updated", "party", before.code(), state(before), state(after));
        return after;
    }

    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL')")
    public void bindUser(String username, String partyCode) {
        if (username == null || username.isBlank() || username.length() > 64) {
            throw new IllegalArgumentException("username: 1 to 64 characters");
        }
        var party = require("party", partyCode);
        String user = username.trim().toLowerCase(java.util.Locale.ROOT);
        var before = store.partyOfUser(user).orElse(null);
        store.bindUser(user, party.code());
        audit.record("party.user-bound", "user", user, AuditTrail.state("party", before),
                AuditTrail.state("party", party.code()));
    }

    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL')")
    public void unbindUser(String username) {
        var before = store.partyOfUser(username).orElseThrow(() ->
                new IllegalArgumentException("username: " + username + " is bound to no party"));
        store.unbindUser(username);
        audit.record("party.user-unbound", "user", username, AuditTrail.state("party", before),
                AuditTrail.state("party", null));
    }

    /** Markets beyond a unit's intended market where units of this product may go without an alert. */
    @Transactional(readOnly = true)
    public Map<String, Set<CountryCode>> extraMarkets() {
        return store.extraMarkets();
    }

    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL')")
    public void setExtraMarkets(String gtin, Set<String> markets, @Nullable String note) {
        Gtin g = Gtin.of(gtin);
        if (masterData.product(g).isEmpty()) {
            throw new IllegalArgumentException("gtin: no product with GTIN " + g.value());
        }
        var set = parseMarkets("markets", markets, false);
        var before = store.extraMarkets().get(g.value());
        store.setExtraMarkets(g.value(), set, note == null || note.isBlank() ? null : note.strip());
        audit.record("party.market-exception", "product", g.value(),
                AuditTrail.state("extraMarkets", before == null ? null : join(before)),
                AuditTrail.state("extraMarkets", join(set), "note", note));
    }

    private record Valid(String code, String name, CountryCode country, Set<CountryCode> markets,
                         @Nullable String facility) {
    }

    private Valid validate(NewParty p) {
        if (p == null) {
            throw new IllegalArgumentException("party: missing");
        }
        String code = p.code() == null ? "" : p.code().trim().toUpperCase(java.util.Locale.ROOT);
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("code: 2 to 32 uppercase letters, digits and hyphens, such as DIST-DE");
        }
        if (p.name() == null || p.name().isBlank() || p.name().strip().length() > 200) {
            throw new IllegalArgumentException("name: 1 to 200 characters");
        }
        if (p.type() == null) {
            throw new IllegalArgumentException("type: choose manufacturer site, distributor, retailer or service centre");
        }
        CountryCode country;
        try {
            country = CountryCode.of(p.country());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("country: " + e.getMessage());
        }
        var markets = parseMarkets("authorisedMarkets", p.authorisedMarkets(), true);
        String facility = p.facilityCode() == null || p.facilityCode().isBlank() ? null : p.facilityCode().trim();
        if (facility != null) {
            if (p.type() != PartyType.MANUFACTURER_SITE) {
                throw new IllegalArgumentException("facilityCode: only a manufacturer site stands for a facility");
            }
            if (masterData.facility(facility).isEmpty()) {
                throw new IllegalArgumentException("facilityCode: no facility " + abbreviate(facility));
            }
        }
        return new Valid(code, p.name().strip(), country, markets, facility);
    }

    private static Set<CountryCode> parseMarkets(String field, @Nullable Set<String> raw, boolean required) {
        var set = new LinkedHashSet<CountryCode>();
        if (raw != null) {
            for (String m : raw) {
                if (m == null || m.isBlank()) {
                    continue;
                }
                try {
                    set.add(CountryCode.of(m));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(field + ": " + e.getMessage());
                }
            }
        }
        if (required && set.isEmpty()) {
            throw new IllegalArgumentException(field + ": name at least one market (country code)");
        }
        return Set.copyOf(set);
    }

    private static Map<String, Object> state(PartyView p) {
        return AuditTrail.state("name", p.name(), "type", p.type().name(), "country", p.country().value(),
                "markets", join(p.authorisedMarkets()), "facility", p.facilityCode());
    }

    static String join(Set<CountryCode> markets) {
        return markets.stream().map(CountryCode::value).sorted().collect(Collectors.joining(","));
    }

    static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
