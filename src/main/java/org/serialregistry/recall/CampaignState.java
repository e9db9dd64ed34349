package org.serialregistry.recall;

/** Where a campaign is. */
public enum CampaignState {
    /** Signed; the background job is marking the units RECALLED (the public page warns already). */
    RUNNING,
    /** Every affected unit is RECALLED; the remedy is under way. */
    ACTIVE,
    /** Closed with a signature; nothing more is recorded against it. */
    CLOSED;

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase();
    }
}
