package org.serialregistry.security.internal;

import java.util.List;
import java.util.Optional;

import org.serialregistry.security.Role;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface UserAccountRepository extends JpaRepository<UserAccount, Long> {

    Optional<UserAccount> findByUsernameIgnoreCase(String username);

    boolean existsByUsernameIgnoreCase(String username);

    @Query("select count(u) from UserAccount u join u.roles r where r = :role and u.enabled = true")
    long countEnabledWithRole(Role role);

    List<UserAccount> findAllByOrderByUsernameAsc();
}
