package org.serialregistry.warranty;

import java.util.Optional;

/**
 * Which service centre a claim is with, and which centre the caller works for; implemented by the
 * service module (warranty knows no service centres). A service-centre caller reads a claim only
 * when it is with its own centre or with none yet (it may take it), never another centre's.
 */
public interface ClaimCentres {

    /** The service centre the claim (its RMA) is with; empty while unassigned. */
    Optional<String> centreOf(ClaimView claim);

    /** The service centre the caller works for; empty when bound to none. */
    Optional<String> callerCentre();
}
