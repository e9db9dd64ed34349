package org.serialregistry.serial.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ProductRepository extends JpaRepository<Product, Long> {

    Optional<Product> findByGtin(String gtin);

    boolean existsByGtin(String gtin);

    List<Product> findAllByOrderByNameAsc();
}
