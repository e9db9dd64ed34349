package org.serialregistry.security.internal;

import java.util.Set;

import org.serialregistry.security.PasswordPolicy;
import org.serialregistry.security.Role;
import org.serialregistry.security.UserAdministration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Production start-up: when no enabled administrator exists, creates one from
 * {@code SERIAL_REGISTRY_BOOTSTRAP_ADMIN_USERNAME} and {@code SERIAL_REGISTRY_BOOTSTRAP_ADMIN_PASSWORD}.
 * The password must satisfy the password policy; it is stored only as a BCrypt hash.
 */
@Component
@Order(20)
class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final UserAdministration users;
    private final String username;
    private final String password;

    BootstrapAdmin(UserAdministration users,
                   @Value("${serial-registry.bootstrap-admin.username:}") String username,
                   @Value("${serial-registry.bootstrap-admin.password:}") String password) {
        this.users = users;
        this.username = username;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.anyEnabledAdmin()) {
            return;
        }
        if (username.isBlank() || password.isBlank()) {
            log.error("No administrator exists. Set SERIAL_REGISTRY_BOOTSTRAP_ADMIN_USERNAME and "
                    + "SERIAL_REGISTRY_BOOTSTRAP_ADMIN_PASSWORD and restart to create the first one.");
            return;
        }
        PasswordPolicy.check(username, password);
        users.createIfAbsent(username.trim().toLowerCase(), "Administrator", password, Set.of(Role.ADMIN));
        log.info("Created the first administrator '{}' from the environment", username);
    }
}
