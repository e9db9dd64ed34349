package org.serialregistry.returns;

import java.util.List;
import java.util.Optional;

import org.serialregistry.serial.LifecycleEventView;
import org.serialregistry.serial.UnitRecord;
import org.serialregistry.warranty.ClaimView;
import org.serialregistry.warranty.Coverage;
import org.serialregistry.warranty.Eligibility;
import org.serialregistry.warranty.OwnershipView;

/**
 * Everything support needs about one unit: the production record, coverage today, owners (with
 * transfers and conflicts), claims on it, claims it was the replacement on, repairs, and every
 * lifecycle event (custody as far as it is recorded).
 *
 * @param eligibility coverage today and the claims counted against the policy's limit, in words
 */
public record ServiceHistory(UnitRecord unit, Optional<Coverage> coverage, Optional<Eligibility> eligibility,
                             List<OwnershipView> owners,
                             List<ClaimView> claims, List<ClaimView> replacementFor, List<RepairView> repairs,
                             List<LifecycleEventView> events) {
}
