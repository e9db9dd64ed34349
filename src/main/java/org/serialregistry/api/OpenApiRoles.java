package org.serialregistry.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * States in the OpenAPI document who may call each operation, read from the same method-level
 * {@code @PreAuthorize} that enforces it (so the document cannot drift from the rule): an
 * {@code x-roles} list and a "Roles: ..." line in the description. An operation without a rule gets
 * none, which {@code OpenApiDocumentTest} reports.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiRoles {

    private static final Pattern ROLE = Pattern.compile("'([A-Z_]+)'");

    @Bean
    OperationCustomizer rolesFromPreAuthorize() {
        return (operation, handler) -> {
            var rule = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
            if (rule == null) {
                return operation;
            }
            var roles = roles(rule.value());
            if (roles.isEmpty()) {
                return operation;
            }
            operation.addExtension("x-roles", roles);
            String line = "Roles: " + String.join(", ", roles);
            operation.setDescription(operation.getDescription() == null || operation.getDescription().isBlank() ? line
                    : operation.getDescription() + "\n\n" + line);
            return operation;
        };
    }

    /** The roles an expression grants: hasRole/hasAnyRole names, or ANY_SIGNED_IN, or ANYONE. */
    static List<String> roles(String expression) {
        String e = expression.replace(" ", "");
        if (e.equals("isAuthenticated()")) {
            return List.of("ANY_SIGNED_IN");
        }
        if (e.equals("permitAll()")) {
            return List.of("ANYONE");
        }
        var roles = new ArrayList<String>();
        if (e.matches("(hasRole\\('[A-Z_]+'\\)|hasAnyRole\\(('[A-Z_]+',?)+\\))")) {
            var m = ROLE.matcher(e);
            while (m.find()) {
                roles.add(m.group(1));
            }
        }
        return roles;
    }
}
