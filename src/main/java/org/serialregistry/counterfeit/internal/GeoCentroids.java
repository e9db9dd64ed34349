package org.serialregistry.counterfeit.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Approximate centres of ISO 3166-1 countries (resource {@code counterfeit/country-centroids.csv}),
 * for scans that carry a country but no coordinates, and great-circle distances.
 */
@Component
public class GeoCentroids {

    /** A point on the globe; {@code precise} is false for a country centroid. */
    public record Point(double latitude, double longitude, boolean precise, String country) {
    }

    private static final double EARTH_RADIUS_KM = 6371.0088;

    private final Map<String, Point> centroids = new HashMap<>();

    GeoCentroids() {
        var in = GeoCentroids.class.getResourceAsStream("/counterfeit/country-centroids.csv");
        if (in == null) {
            throw new IllegalStateException("counterfeit/country-centroids.csv is missing from the classpath");
        }
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("country,")) {
                    continue;
                }
                String[] f = line.split(",", 4);
                centroids.put(f[0], new Point(Double.parseDouble(f[1]), Double.parseDouble(f[2]), false, f[0]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Point> centroid(String country) {
        return Optional.ofNullable(centroids.get(country));
    }

    public int size() {
        return centroids.size();
    }

    /** Haversine distance in kilometres. */
    public static double distanceKm(Point a, Point b) {
        double dLat = Math.toRadians(b.latitude() - a.latitude());
        double dLon = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(a.latitude()))
                * Math.cos(Math.toRadians(b.latitude())) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
