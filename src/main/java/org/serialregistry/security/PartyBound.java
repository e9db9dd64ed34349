package org.serialregistry.security;

import org.jspecify.annotations.Nullable;

/** A principal acting for a supply-chain party (an API key with a party reference). */
public interface PartyBound {

    /** The party's code, or null when the key is bound to no party. */
    @Nullable
    String partyRef();
}
