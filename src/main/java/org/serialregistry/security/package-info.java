/**
 * Who may do what: portal users (form login against the database, or OIDC through Keycloak),
 * API keys for ERP and MES systems, roles, and the security filter chains. Depends on no feature.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security")
@NullMarked
package org.serialregistry.security;

import org.jspecify.annotations.NullMarked;
