package org.serialregistry.verification;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.shared.CountryCode;

/**
 * One verification as recorded in the scan log: evidence for counterfeit detection.
 *
 * @param gtin       as scanned (may be malformed or null for serial-only checks)
 * @param clientKey  keyed hash of the client's network address: stable per client, not reversible
 * @param sessionId  anonymous session cookie: repeated scans by one person share it
 * @param country    from the proxy header or the location the user shared, if any
 * @param unitStatus status of the unit when it exists
 * @param locationClaimed the country or coordinates came from the client's own request (query
 *                   parameters), not from the network (a trusted proxy's header): a weaker signal
 */
public record UnitScanned(UUID scanId, Instant at, @Nullable String gtin, String serial, ScanOutcome outcome,
                          String clientKey, String sessionId, @Nullable CountryCode country,
                          @Nullable Double latitude, @Nullable Double longitude, String userAgentClass,
                          @Nullable UnitStatus unitStatus, boolean locationClaimed) {

    /** A scan whose location, if any, is the network's. */
    public UnitScanned(UUID scanId, Instant at, @Nullable String gtin, String serial, ScanOutcome outcome,
                       String clientKey, String sessionId, @Nullable CountryCode country,
                       @Nullable Double latitude, @Nullable Double longitude, String userAgentClass,
                       @Nullable UnitStatus unitStatus) {
        this(scanId, at, gtin, serial, outcome, clientKey, sessionId, country, latitude, longitude, userAgentClass,
                unitStatus, false);
    }
}
