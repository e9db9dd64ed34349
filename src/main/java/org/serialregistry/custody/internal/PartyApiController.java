package org.serialregistry.custody.internal;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.serialregistry.api.ListPage;
import org.serialregistry.api.ListQuery;
import org.serialregistry.api.Versions;
import org.serialregistry.custody.NewParty;
import org.serialregistry.custody.Parties;
import org.serialregistry.custody.PartyType;
import org.serialregistry.custody.PartyView;
import org.serialregistry.shared.CountryCode;
import org.serialregistry.shared.Gtin;
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
 * Supply-chain parties for the channel's systems, as Administration › Supply-chain parties offers
 * them: list, create, change, and bind or unbind a user (a portal user or an API key's principal).
 */
@RestController
@RequestMapping("/api/v1/parties")
@Tag(name = "Supply-chain parties")
class PartyApiController {

    private static final String CHANNEL = "hasAnyRole('ADMIN','CHANNEL')";

    private final Parties parties;

    PartyApiController(Parties parties) {
        this.parties = parties;
    }

    record PartyRequest(@Nullable Long version, @Nullable String code, @Nullable String name, @Nullable PartyType type,
                        @Nullable String country, @Nullable Set<String> authorisedMarkets, @Nullable String facilityCode) {

        NewParty party(String fixedCode) {
            return new NewParty(fixedCode, name, type, country, authorisedMarkets == null ? Set.of() : authorisedMarkets,
                    facilityCode);
        }
    }

    record Binding(@Nullable String username) {
    }

    @PreAuthorize(CHANNEL)
    @GetMapping
    @Operation(summary = "Every supply-chain party with its users; state is the party type")
    ListPage<PartyView> all(@ParameterObject ListQuery.Params params) {
        var q = params.query(ListQuery.statesOf(PartyType.class));
        return q.page(parties.all(), p -> null, p -> p.type().name());
    }

    @PreAuthorize(CHANNEL)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a party (code, name, type, country, authorised markets; a manufacturer site names its facility)")
    PartyView create(@RequestBody PartyRequest r) {
        return parties.create(r.party(r.code()));
    }

    @PreAuthorize(CHANNEL)
    @PutMapping("/{code}")
    @Operation(summary = "Change a party (its code never changes; the version read)")
    PartyView update(@PathVariable String code, @RequestBody PartyRequest r) {
        long version = Versions.required(r.version(), "party");
        var party = find(code);
        return parties.update(party.code(), version, r.party(party.code()));
    }

    @PreAuthorize(CHANNEL)
    @PostMapping("/{code}/users")
    @Operation(summary = "Bind a user to the party: from then on they act and read for it only")
    PartyView bind(@PathVariable String code, @RequestBody Binding r) {
        var party = find(code);
        parties.bindUser(r.username(), party.code());
        return find(code);
    }

    @PreAuthorize(CHANNEL)
    @PostMapping("/{code}/users/{username}/removal")
    @Operation(summary = "Unbind a user from the party")
    PartyView unbind(@PathVariable String code, @PathVariable String username) {
        var party = find(code);
        if (!party.users().contains(username)) {
            throw new NoSuchElementException("User " + username + " is not bound to " + code);
        }
        parties.unbindUser(username);
        return find(code);
    }

    /** @param markets country codes beyond each unit's intended market; empty removes the exception */
    record MarketException(@Nullable Set<String> markets, @Nullable String note) {
    }

    record MarketExceptionAnswer(String gtin, List<String> markets) {
    }

    @PreAuthorize(CHANNEL)
    @GetMapping("/market-exceptions")
    @Operation(summary = "Per-product market exceptions: markets beyond a unit's intended market where units of the "
            + "product may go without a diversion alert, by GTIN")
    ListPage<MarketExceptionAnswer> marketExceptions(@ParameterObject ListQuery.Params params) {
        var all = parties.extraMarkets().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new MarketExceptionAnswer(e.getKey(), e.getValue().stream().map(CountryCode::value).sorted().toList()))
                .toList();
        return ListPage.of(all, params.undated());
    }

    @PreAuthorize(CHANNEL)
    @PutMapping("/market-exceptions/{gtin}")
    @Operation(summary = "Save a product's market exception (the markets and why), as the parties screen does; "
            + "no markets removes it")
    MarketExceptionAnswer saveMarketException(@PathVariable String gtin, @RequestBody MarketException r) {
        var errors = new InvalidInput.Collector();
        String key = errors.get("gtin", () -> Gtin.of(gtin).value());
        errors.throwIfAny();
        parties.setExtraMarkets(key, r.markets() == null ? Set.of() : r.markets(), r.note());
        return new MarketExceptionAnswer(key, parties.extraMarkets().getOrDefault(key, Set.of()).stream()
                .map(CountryCode::value).sorted().toList());
    }

    private PartyView find(String code) {
        return parties.find(code).orElseThrow(() -> new NoSuchElementException("No party " + code));
    }
}
