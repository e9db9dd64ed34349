package org.serialregistry.shared;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCacheManager;

/**
 * How a module keeps a cache: a bounded Caffeine cache with per-entry expiry, registered by name in
 * the application's one {@link CacheManager} (so {@code /actuator/caches} lists it and it can be
 * cleared there), and used through Caffeine's own API where the caller needs more than
 * get-or-load (not caching absent answers, evicting after a transaction commits).
 *
 * <p>Never a map that empties itself when full: Caffeine evicts the least valuable entries one by
 * one, so a flood of new keys cannot reset the entries that are in use.
 */
public final class Caches {

    private Caches() {
    }

    /**
     * Builds {@code spec} (statistics on) and registers it as {@code name}.
     *
     * @throws IllegalStateException if the cache manager is not Caffeine's, or the name is taken
     */
    public static <K, V> Cache<K, V> register(CacheManager manager, String name, Caffeine<Object, Object> spec) {
        if (!(manager instanceof CaffeineCacheManager caffeine)) {
            throw new IllegalStateException("the cache manager is not a CaffeineCacheManager: " + manager);
        }
        if (caffeine.getCacheNames().contains(name)) {
            throw new IllegalStateException("cache " + name + " is registered twice");
        }
        Cache<K, V> cache = spec.recordStats().build();
        @SuppressWarnings("unchecked")
        var untyped = (Cache<Object, Object>) (Cache<?, ?>) cache;
        caffeine.registerCustomCache(name, untyped);
        return cache;
    }
}
