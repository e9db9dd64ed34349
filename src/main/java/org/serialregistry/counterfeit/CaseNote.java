package org.serialregistry.counterfeit;

import java.time.Instant;

/** A note on a case: by whom and when; state changes and assignments leave one too. */
public record CaseNote(String author, Instant at, String text) {
}
