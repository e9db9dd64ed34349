package org.serialregistry.recall;

import org.serialregistry.shared.NumericId;

/**
 * A recall campaign's id as other modules hold it: the events {@link RecallCampaignStarted} and
 * {@link RecallCampaignClosed} carry it to their listeners. People see the campaign number
 * ({@code RC-000003}); the REST API names campaigns by that number.
 */
public record CampaignId(long value) implements NumericId {

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
