package org.serialregistry.security.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ApiKeyRepository extends JpaRepository<ApiKey, Long> {

    Optional<ApiKey> findByPrefix(String prefix);

    List<ApiKey> findAllByOrderByCreatedAtDesc();
}
