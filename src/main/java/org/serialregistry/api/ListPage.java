package org.serialregistry.api;

import java.util.List;

/**
 * One page of an API list, the same shape everywhere: the items, the page and size asked for, and
 * how many items the filtered list holds in all.
 */
public record ListPage<T>(List<T> items, int page, int size, long total) {

    /** This query's page of a list that is already filtered. */
    public static <T> ListPage<T> of(List<T> filtered, ListQuery query) {
        int from = Math.min(query.offset(), filtered.size());
        int to = (int) Math.min((long) from + query.size(), filtered.size());
        return new ListPage<>(List.copyOf(filtered.subList(from, to)), query.page(), query.size(), filtered.size());
    }
}
