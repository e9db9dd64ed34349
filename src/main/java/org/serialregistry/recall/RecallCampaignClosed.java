package org.serialregistry.recall;

/** A recall campaign was closed with a signature. */
public record RecallCampaignClosed(long campaignId, String campaignNumber, long affected, long remedied) {
}
