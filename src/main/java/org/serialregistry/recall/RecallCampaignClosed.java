package org.serialregistry.recall;

/** A recall campaign was closed with a signature. */
public record RecallCampaignClosed(CampaignId campaignId, String campaignNumber, long affected, long remedied) {
}
