package org.serialregistry.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.serialregistry.shared.TrustedProxies;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The client address of a portal request: X-Forwarded-For only from a trusted proxy. */
@Component
class ClientAddresses {

    private final TrustedProxies proxies;

    ClientAddresses(@Value("${serial-registry.trusted-proxies:}") String trustedProxies) {
        this.proxies = TrustedProxies.parse(trustedProxies);
    }

    String address(HttpServletRequest request) {
        return TrustedProxies.limitKey(proxies.clientAddress(request.getRemoteAddr(), request.getHeader("X-Forwarded-For")));
    }
}
