package org.serialregistry;

import java.util.List;

import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's one cache manager. Modules register their own named caches in it (see
 * {@link org.serialregistry.shared.Caches}); none is created on demand, so a typo in a cache
 * name fails at start instead of growing an unbounded default cache.
 */
@Configuration(proxyBeanMethods = false)
class CacheSetup {

    @Bean
    CaffeineCacheManager cacheManager() {
        var manager = new CaffeineCacheManager();
        manager.setCacheNames(List.of());
        return manager;
    }
}
