package org.serialregistry.counterfeit.internal;

import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.serialregistry.api.ListPage;
import org.serialregistry.api.ListQuery;
import org.serialregistry.counterfeit.DetectionThresholds;
import org.serialregistry.counterfeit.Thresholds;
import org.serialregistry.serial.ProductCategory;
import org.serialregistry.shared.InvalidInput;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The counterfeit detector's thresholds per product category, as the Counterfeit thresholds screen shows and saves them. */
@RestController
@RequestMapping("/api/v1/detection-thresholds")
@Tag(name = "Counterfeit detection")
class DetectionThresholdApi {

    private final DetectionThresholds thresholds;

    DetectionThresholdApi(DetectionThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** Every value of a category; the version as read. */
    record Change(@Nullable Long version, @Nullable Integer maxSessions, @Nullable Integer sessionWindowDays,
                  @Nullable Integer enumerationCount, @Nullable Integer enumerationWindowMinutes,
                  @Nullable Integer maxSpeedKmh, @Nullable Integer offMarketSessions,
                  @Nullable Integer newCountryWarmupScans) {
    }

    @PreAuthorize("hasAnyRole('ADMIN','FORENSICS','CHANNEL')")
    @GetMapping
    @Operation(summary = "The thresholds of every product category")
    ListPage<Thresholds> all(@ParameterObject ListQuery.Params params) {
        return ListPage.of(thresholds.all(), params.undated());
    }

    @PreAuthorize("hasRole('ADMIN')")
    @PutMapping("/{category}")
    @Operation(summary = "Replace a category's thresholds (every value, and the version read)")
    Thresholds update(@PathVariable String category, @RequestBody Change r) {
        var errors = new InvalidInput.Collector();
        var c = errors.get("category", () -> {
            try {
                return ProductCategory.valueOf(category.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("category: ELECTRONICS, MEDICAL_DEVICE or AUTOMOTIVE");
            }
        });
        errors.require(r.version() != null, "version", "send the version you read");
        for (var value : new Object[][] {{"maxSessions", r.maxSessions()}, {"sessionWindowDays", r.sessionWindowDays()},
                {"enumerationCount", r.enumerationCount()}, {"enumerationWindowMinutes", r.enumerationWindowMinutes()},
                {"maxSpeedKmh", r.maxSpeedKmh()}, {"offMarketSessions", r.offMarketSessions()},
                {"newCountryWarmupScans", r.newCountryWarmupScans()}}) {
            errors.require(value[1] != null, (String) value[0], "is missing");
        }
        errors.throwIfAny();
        return thresholds.update(new Thresholds(c, r.maxSessions(), r.sessionWindowDays(), r.enumerationCount(),
                r.enumerationWindowMinutes(), r.maxSpeedKmh(), r.offMarketSessions(), r.newCountryWarmupScans(),
                r.version(), "", java.time.Instant.EPOCH));
    }
}
