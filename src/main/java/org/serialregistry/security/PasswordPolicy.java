package org.serialregistry.security;

/** Minimum rules for passwords set through the portal; the messages reach users as they are. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;

    private PasswordPolicy() {
    }

    /** @throws IllegalArgumentException naming what is wrong */
    public static void check(String username, String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("Password must have at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > 128) {
            throw new IllegalArgumentException("Password must have at most 128 characters");
        }
        if (username != null && password.equalsIgnoreCase(username)) {
            throw new IllegalArgumentException("Password must not be the user name");
        }
    }
}
