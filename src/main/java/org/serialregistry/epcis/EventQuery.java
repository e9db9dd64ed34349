package org.serialregistry.epcis;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The standard query's parameters we answer (EPCIS 2.0 SimpleEventQuery). Lists match any of their
 * values; empty lists and nulls match everything. EPCs may be given as EPC URNs or GS1 Digital Links,
 * bizSteps and dispositions as bare CBV names ({@code shipping}) or full URNs.
 *
 * @param matchEpc    EPCs in the event's epcList or childEPCs ({@code MATCH_epc})
 * @param matchAnyEpc EPCs anywhere: epcList, childEPCs, parentID, input and output lists ({@code MATCH_anyEPC})
 * @param pageToken   the {@code nextPageToken} of the previous page, or null for the first
 */
public record EventQuery(List<String> bizSteps, List<String> dispositions, List<String> bizLocations,
                         List<String> matchEpc, List<String> matchAnyEpc, @Nullable Instant fromEventTime,
                         @Nullable Instant beforeEventTime, int perPage, @Nullable String pageToken) {

    public static final int DEFAULT_PER_PAGE = 30;
    public static final int MAX_PER_PAGE = 1000;

    public static EventQuery all() {
        return new EventQuery(List.of(), List.of(), List.of(), List.of(), List.of(), null, null, DEFAULT_PER_PAGE, null);
    }
}
