package org.serialregistry.factors;

import java.util.EnumSet;
import java.util.Set;

import org.serialregistry.shared.Gtin;

/** Which second factors the units of a product carry; empty for a product with its printed code only. */
public record ProductFactors(Gtin gtin, Set<SecondFactor> factors) {

    public ProductFactors {
        factors = factors.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(factors));
    }

    public static ProductFactors none(Gtin gtin) {
        return new ProductFactors(gtin, Set.of());
    }

    public boolean carries(SecondFactor factor) {
        return factors.contains(factor);
    }
}
