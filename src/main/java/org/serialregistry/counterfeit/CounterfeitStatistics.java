package org.serialregistry.counterfeit;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Figures for the Counterfeit workspace.
 *
 * @param casesPerDayByType cases by the day of their first scan and the type that opened them
 * @param casesByCountry    cases by the country of their first signal ("unknown" when none)
 * @param casesByProduct    cases by GTIN ("no product" for client cases)
 */
public record CounterfeitStatistics(Map<LocalDate, Map<SignalType, Long>> casesPerDayByType,
                                    Map<String, Long> casesByCountry, Map<String, Long> casesByProduct,
                                    List<ClonedSerial> mostCloned, List<ProbingClient> topProbers) {

    /** A serial seen in many sessions or places: the likeliest cloned codes. */
    public record ClonedSerial(String serial, String gtin, long sessions, long countries, long signals) {
    }

    /** A client (keyed hash of its address) that sent forged, malformed or unknown codes. */
    public record ProbingClient(String clientKey, long badCodes, long signals) {
    }
}
