package org.serialregistry.custody;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.CountryCode;

/**
 * A party of the supply chain.
 *
 * @param authorisedMarkets countries the party may sell into; a unit it passes outside them is diverted
 * @param facilityCode      for a manufacturer site: the production facility whose units it holds at first
 * @param users             portal users bound to this party
 */
public record PartyView(long id, String code, String name, PartyType type, CountryCode country,
                        Set<CountryCode> authorisedMarkets, @Nullable String facilityCode, List<String> users,
                        long version) {

    public static final String URN_PREFIX = "urn:serial-registry:party:";

    /** The party's identifier in EPCIS source and destination lists. */
    public String urn() {
        return URN_PREFIX + code;
    }

    public static String urnOf(String code) {
        return URN_PREFIX + code;
    }

    public boolean authorisedFor(CountryCode market) {
        return authorisedMarkets.contains(market);
    }
}
