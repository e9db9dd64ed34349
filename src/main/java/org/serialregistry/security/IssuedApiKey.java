package org.serialregistry.security;

/** A freshly created API key: {@code token} is shown once and never stored in clear. */
public record IssuedApiKey(ApiKeyView key, String token) {
}
