package org.serialregistry.security.internal;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lets an integrator check which identity and roles their key or token carries. */
@RestController
class WhoAmIController {

    record Me(String name, List<String> roles) {
    }

    @PreAuthorize("isAuthenticated()")
    @GetMapping("/api/v1/me")
    @Operation(summary = "The caller's identity and roles, as the registry sees them")
    Me me(Authentication authentication) {
        return new Me(authentication.getName(), authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring(5)).sorted().toList());
    }
}
