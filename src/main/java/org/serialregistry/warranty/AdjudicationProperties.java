package org.serialregistry.warranty;

import java.util.EnumMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which failed checks deny a claim and which only send it to a person, e.g.
 * {@code serial-registry.warranty.adjudication.on-failure.CLAIMANT_IS_OWNER=DENY}. Checks not named
 * keep their default: ownership and duplicates go to review, everything else denies.
 */
@ConfigurationProperties("serial-registry.warranty.adjudication")
public record AdjudicationProperties(@Nullable Map<ClaimCheck, FailureAction> onFailure) {

    public static final Map<ClaimCheck, FailureAction> DEFAULTS;

    static {
        var d = new EnumMap<ClaimCheck, FailureAction>(ClaimCheck.class);
        for (ClaimCheck c : ClaimCheck.values()) {
            d.put(c, FailureAction.DENY);
        }
        d.put(ClaimCheck.CLAIMANT_IS_OWNER, FailureAction.REVIEW);
        d.put(ClaimCheck.NOT_DUPLICATE, FailureAction.REVIEW);
        DEFAULTS = Map.copyOf(d);
    }

    public FailureAction actionFor(ClaimCheck check) {
        return onFailure != null && onFailure.containsKey(check) ? onFailure.get(check) : DEFAULTS.get(check);
    }
}
