package org.serialregistry.security;

/**
 * Application roles. Each has its own workspace in the portal; Keycloak realm roles of the same
 * name (case-insensitive, with or without a {@code ROLE_} prefix) map onto them.
 */
public enum Role {
    ADMIN("Administration"),
    PRODUCTION("Production"),
    QUALITY("Quality"),
    WARRANTY("Warranty"),
    CHANNEL("Channel"),
    FORENSICS("Forensics"),
    SERVICE_CENTER("Service centre"),
    DISTRIBUTOR("Distributor");

    /** Role names for {@code @RolesAllowed}, which needs compile-time constants. */
    public static final String ADMIN_NAME = "ADMIN";
    public static final String PRODUCTION_NAME = "PRODUCTION";
    public static final String QUALITY_NAME = "QUALITY";
    public static final String WARRANTY_NAME = "WARRANTY";
    public static final String CHANNEL_NAME = "CHANNEL";
    public static final String FORENSICS_NAME = "FORENSICS";
    public static final String SERVICE_CENTER_NAME = "SERVICE_CENTER";
    public static final String DISTRIBUTOR_NAME = "DISTRIBUTOR";

    private final String workspace;

    Role(String workspace) {
        this.workspace = workspace;
    }

    /** The name of this role's workspace in the side navigation. */
    public String workspace() {
        return workspace;
    }

    public String authority() {
        return "ROLE_" + name();
    }
}
