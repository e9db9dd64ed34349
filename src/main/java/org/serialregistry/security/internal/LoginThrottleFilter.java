package org.serialregistry.security.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.serialregistry.security.ui.LoginView;
import org.springframework.web.filter.OncePerRequestFilter;

/** Refuses a login attempt while its account or client is throttled: back to the login page with the wait. */
class LoginThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;

    LoginThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("POST".equals(request.getMethod())
                && LoginView.ROUTE_PATH.equals(request.getRequestURI().substring(request.getContextPath().length()))) {
            long wait = throttle.secondsToWait(request);
            if (wait > 0) {
                response.setHeader("Retry-After", Long.toString(wait));
                response.sendRedirect(request.getContextPath() + LoginView.ROUTE_PATH + "?"
                        + LoginView.THROTTLED_PARAMETER + "=" + wait);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
