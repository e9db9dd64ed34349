package org.serialregistry.verification.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.ProductView;
import org.serialregistry.shared.Gtin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The product catalogue in memory, refreshed in the background, so that the public path names the
 * product and tries a failing tag against other GTINs without reading the database.
 */
@Component
public class ProductDirectory {

    private static final Logger log = LoggerFactory.getLogger(ProductDirectory.class);

    private final MasterData masterData;
    private volatile Map<Gtin, ProductView> byGtin = Map.of();

    ProductDirectory(MasterData masterData) {
        this.masterData = masterData;
    }

    public Optional<ProductView> find(Gtin gtin) {
        return Optional.ofNullable(byGtin.get(gtin));
    }

    public List<Gtin> gtins() {
        return List.copyOf(byGtin.keySet());
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(initialDelayString = "${serial-registry.verification.product-refresh:PT1M}",
            fixedDelayString = "${serial-registry.verification.product-refresh:PT1M}")
    public void refresh() {
        try {
            byGtin = masterData.products().stream()
                    .collect(Collectors.toUnmodifiableMap(ProductView::gtin, Function.identity(), (a, b) -> a));
        } catch (RuntimeException e) {
            log.warn("Could not refresh the product catalogue for verification: {}", e.toString());
        }
    }
}
