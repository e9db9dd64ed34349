package org.serialregistry.forensics;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.serialregistry.counterfeit.AlertCaseSummary;
import org.serialregistry.counterfeit.EvidenceScan;
import org.serialregistry.serial.LifecycleEventView;
import org.serialregistry.serial.UnitRecord;

/**
 * What the registry knows about the serial of a submission, computed when the reviewer opens it.
 *
 * @param codeGenuine  the code passes its cryptographic check
 * @param codeCheck    the check's wording, for the reviewer
 * @param unit         the genuine unit's production record (lot, facility, line, dates, market,
 *                     status, component serials); null when never issued
 * @param custody      the unit's lifecycle events, oldest first
 * @param scans        scans that detection kept for the serial, newest first
 * @param openCases    open alert cases that name the serial
 * @param listed       already on the public counterfeit list
 */
public record PreChecks(boolean codeGenuine, String codeCheck, @Nullable UnitRecord unit,
                        List<LifecycleEventView> custody, List<EvidenceScan> scans,
                        List<AlertCaseSummary> openCases, boolean listed) {
}
