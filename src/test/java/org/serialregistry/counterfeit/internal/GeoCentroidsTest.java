package org.serialregistry.counterfeit.internal;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Scans without coordinates are placed at their country's centre: every ISO country has one. */
class GeoCentroidsTest {

    final GeoCentroids geo = new GeoCentroids();

    @Test
    void everyIsoCountryHasACentroid() {
        for (String country : Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2)) {
            assertThat(geo.centroid(country)).as(country).isPresent();
        }
        assertThat(geo.centroid("XX")).isEmpty();
    }

    @Test
    void distancesAreGreatCircleKilometres() {
        var berlin = new GeoCentroids.Point(52.52, 13.405, true, "DE");
        var munich = new GeoCentroids.Point(48.137, 11.575, true, "DE");
        var newYork = new GeoCentroids.Point(40.71, -74.006, true, "US");
        assertThat(GeoCentroids.distanceKm(berlin, munich)).isCloseTo(504, within(5.0));
        assertThat(GeoCentroids.distanceKm(berlin, newYork)).isCloseTo(6385, within(30.0));
        var germany = geo.centroid("DE").orElseThrow();
        assertThat(germany.precise()).isFalse();
        assertThat(GeoCentroids.distanceKm(germany, berlin)).isLessThan(300);
    }
}
