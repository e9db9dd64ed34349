package org.serialregistry.factors;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Hologram numbers to bind to one unit ({@code serial}) or to a lot ({@code gtin} + {@code lot}):
 * a list ({@code numbers}) or a range ({@code from}..{@code to}, same length, same prefix, the
 * trailing digits counting up, e.g. H000100..H000199).
 */
public record HologramBinding(@Nullable String gtin, @Nullable String lot, @Nullable String serial,
                              @Nullable List<String> numbers, @Nullable String from, @Nullable String to) {
}
