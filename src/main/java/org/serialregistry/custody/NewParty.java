package org.serialregistry.custody;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/** A party as entered by an administrator or channel manager; validated by {@link Parties}. */
public record NewParty(String code, String name, PartyType type, String country, Set<String> authorisedMarkets,
                       @Nullable String facilityCode) {
}
