package org.serialregistry.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.swagger.v3.oas.annotations.Parameter;
import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.InvalidInput;

/**
 * How every API list pages and filters: {@code page} (from 0), {@code size} (1 to {@link #MAX_SIZE},
 * default {@link #DEFAULT_SIZE}), a time range {@code from} (inclusive) and {@code to} (exclusive; a date
 * alone counts its whole day), each an instant with offset or a date (UTC), and {@code state} where the
 * list's items have states. Bind it in a controller as {@code @ParameterObject ListQuery.Params params}
 * and call {@link Params#query(Collection)}: every problem is reported in one 400, each naming its field.
 *
 * @param state upper case, one of the states the list named; null: every state
 */
public record ListQuery(int page, int size, @Nullable Instant from, @Nullable Instant to, @Nullable String state) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    /** The raw query parameters, as the request carries them (bound by Spring, documented by springdoc). */
    public record Params(@Parameter(description = "page number, from 0", example = "0") @Nullable String page,
                         @Parameter(description = "items per page, 1 to " + MAX_SIZE + " (default " + DEFAULT_SIZE + ")",
                                 example = "50") @Nullable String size,
                         @Parameter(description = "from this instant or date (UTC), inclusive", example = "2026-12-01")
                         @Nullable String from,
                         @Parameter(description = "before this instant, or through this date (UTC)", example = "2026-12-31")
                         @Nullable String to,
                         @Parameter(description = "only items in this state (where the list has states)")
                         @Nullable String state) {

        /** The checked query of a list without states. */
        public ListQuery query() {
            return query(List.of());
        }

        /** The checked query of a list whose items have neither times nor states: a range is refused. */
        public ListQuery undated() {
            return check(List.of(), false);
        }

        /**
         * The checked query.
         *
         * @param states the states this list's items can be in; empty: the list has none, and a {@code state} is refused
         * @throws InvalidInput naming each wrong parameter
         */
        public ListQuery query(Collection<String> states) {
            return check(states, true);
        }

        private ListQuery check(Collection<String> states, boolean dated) {
            var errors = new InvalidInput.Collector();
            if (!dated) {
                errors.require(from == null || from.isBlank(), "from", "this list has no dates to filter");
                errors.require(to == null || to.isBlank(), "to", "this list has no dates to filter");
            }
            Instant start = dated ? errors.get("from", () -> instant("from", from, false)) : null;
            Instant end = dated ? errors.get("to", () -> instant("to", to, true)) : null;
            if (start != null && end != null && !start.isBefore(end)) {
                errors.add("to", "must be later than from");
            }
            int p = number(errors, "page", page, 0);
            int s = number(errors, "size", size, DEFAULT_SIZE);
            errors.require(p >= 0 || errors.has("page"), "page", "0 or more, got " + p);
            errors.require(s >= 1 && s <= MAX_SIZE || errors.has("size"), "size", "1 to " + MAX_SIZE + ", got " + s);
            if (!errors.has("page") && !errors.has("size")) {
                try {
                    Math.multiplyExact(p, s);
                } catch (ArithmeticException e) {
                    errors.add("page", "page " + p + " of " + s + " items lies beyond any list; ask for an earlier page");
                }
            }
            String st = null;
            if (state != null && !state.isBlank()) {
                st = state.strip().toUpperCase(Locale.ROOT);
                if (states.isEmpty()) {
                    errors.add("state", "this list has no states");
                } else if (!states.contains(st)) {
                    errors.add("state", "one of " + String.join(", ", states) + ", got '" + clip(state) + "'");
                }
            }
            errors.throwIfAny();
            return new ListQuery(p, s, start, end, st);
        }

        private static int number(InvalidInput.Collector errors, String field, @Nullable String raw, int otherwise) {
            if (raw == null || raw.isBlank()) {
                return otherwise;
            }
            try {
                return Integer.parseInt(raw.strip());
            } catch (NumberFormatException e) {
                errors.add(field, "a whole number, got '" + clip(raw) + "'");
                return otherwise;
            }
        }
    }

    /** The names of an enum's constants, for {@link Params#query(Collection)}. */
    public static List<String> statesOf(Class<? extends Enum<?>> states) {
        return java.util.Arrays.stream(states.getEnumConstants()).map(Enum::name).toList();
    }

    /** The first item of this page, counted over the whole filtered list. */
    public int offset() {
        return page * size;
    }

    /**
     * How many of the newest items a service that answers "the latest n" must give so that this page
     * and the knowledge of a next one are in them (bounded by {@code cap}).
     */
    public int latest(int cap) {
        long wanted = (long) offset() + size + 1;
        return (int) Math.min(wanted, cap);
    }

    /** Whether an instant lies in the range ({@code null}: the item has no time and is kept only without a range). */
    public boolean inRange(@Nullable Instant at) {
        if (at == null) {
            return from == null && to == null;
        }
        return (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
    }

    /**
     * Filters a list the service gave (by time and, with {@code stateOf}, by state) and cuts this page.
     *
     * @param when    the time the range applies to, per item
     * @param stateOf the item's state name; null for lists without states
     */
    public <T> ListPage<T> page(List<T> all, Function<T, @Nullable Instant> when,
                                @Nullable Function<T, String> stateOf) {
        var kept = all.stream()
                .filter(t -> inRange(when.apply(t)))
                .filter(t -> state == null || stateOf == null || state.equals(stateOf.apply(t)))
                .toList();
        return ListPage.of(kept, this);
    }

    /** An instant, or a date meaning its start ({@code from}) or the start of the next day ({@code to}). */
    public static @Nullable Instant instant(String field, @Nullable String raw, boolean endOfDay) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String v = raw.strip();
        try {
            if (v.length() == 10) {
                var day = LocalDate.parse(v);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": a date (YYYY-MM-DD) or a date and time with offset "
                    + "(2026-12-03T06:00:00Z), got '" + clip(v) + "'");
        }
    }

    private static String clip(String v) {
        return v.length() > 30 ? v.substring(0, 30) : v;
    }
}
