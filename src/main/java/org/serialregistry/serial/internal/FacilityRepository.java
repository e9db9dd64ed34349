package org.serialregistry.serial.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface FacilityRepository extends JpaRepository<Facility, Long> {

    Optional<Facility> findByCode(String code);

    Optional<Facility> findByNumber(int number);

    boolean existsByCodeOrNumber(String code, int number);

    List<Facility> findAllByOrderByCodeAsc();
}
