package org.serialregistry.serial;

import java.util.Set;

/** What production staff enter (or import from Excel) to create a product. Raw text: validated by the service. */
public record NewProduct(String gtin, String name, ProductCategory category, RiskClass riskClass,
                         Set<String> intendedMarkets, String udiDeviceIdentifier) {
}
