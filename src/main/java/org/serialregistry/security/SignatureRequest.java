package org.serialregistry.security;

import org.jspecify.annotations.Nullable;

/**
 * Who signs a human decision sent through the API, as the request body carries it
 * ({@code "signature": {"username": ..., "password": ...}}); left out with a fresh OIDC token of the
 * signer. Checked by {@link Signers#verify(SignatureRequest, Role...)}.
 */
public record SignatureRequest(@Nullable String username, @Nullable String password) {
}
