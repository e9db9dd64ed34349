package org.serialregistry.serial;

import java.util.Set;

import org.serialregistry.shared.CountryCode;
import org.serialregistry.shared.Gtin;

/** A product as other modules and views see it. {@code udiDeviceIdentifier} only for medical devices. */
public record ProductView(long id, Gtin gtin, String name, ProductCategory category, RiskClass riskClass,
                          Set<CountryCode> intendedMarkets, String udiDeviceIdentifier) {
}
