package org.serialregistry.epcis;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One page of query results: the events as captured, with the repository's {@code recordTime} and,
 * for an event declared in error, its {@code errorDeclaration}.
 *
 * @param nextPageToken the token for the next page, null on the last
 */
public record EventPage(List<JsonNode> events, @Nullable String nextPageToken) {
}
