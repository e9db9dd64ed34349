package org.serialregistry.recall;

/** A recall campaign was signed and its job started. */
public record RecallCampaignStarted(CampaignId campaignId, String campaignNumber, long expectedUnits) {
}
