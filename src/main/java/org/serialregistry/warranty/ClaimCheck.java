package org.serialregistry.warranty;

/** The checks of automatic adjudication, in the order they run. */
public enum ClaimCheck {
    GENUINE_SERIAL("Genuine serial"),
    NOT_LISTED_COUNTERFEIT("Not on the counterfeit list"),
    UNIT_IN_SERVICE("Unit not scrapped, destroyed or stolen"),
    WITHIN_TERM("Within the warranty term"),
    CLAIMANT_IS_OWNER("Claimant consistent with the registered owner or the seller's record"),
    DEFECT_COVERED("Defect covered by the policy"),
    NOT_DUPLICATE("Not a duplicate of an open or settled claim"),
    UNDER_CLAIM_LIMIT("Under the claim limit");

    private final String label;

    ClaimCheck(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
