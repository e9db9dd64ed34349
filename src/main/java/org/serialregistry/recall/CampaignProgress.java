package org.serialregistry.recall;

import java.util.List;

/**
 * The remedy's progress: units affected, located by custody (a party holds them), returned, remedied
 * and still in the field (neither returned nor remedied), in total and per intended market.
 */
public record CampaignProgress(Counts total, List<Counts> perMarket) {

    /** @param market the intended market (ISO country), or "all" for the total */
    public record Counts(String market, long affected, long located, long returned, long remedied) {

        public long inField() {
            return affected - returned - remedied;
        }
    }
}
