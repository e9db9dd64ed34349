package org.serialregistry.verification.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * First in front of the anonymous routes ({@code /01/*}, {@code /api/public/*}, {@code /error}):
 * refuses, with a clean 4xx and one log line, what would otherwise fail deep in the container or
 * the framework. A body over {@code max-anonymous-request} (1 MB) answers 413 before it is read;
 * a POST from another site answers 403 (the {@code Origin} must be this service's own, and
 * {@code Sec-Fetch-Site} same-origin or none); a query or form with broken %-encoding, and a
 * multipart body that cannot be parsed, answer 400; a direct request for {@code /error} answers 404.
 */
class PublicRequestGuard extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(PublicRequestGuard.class);

    private final long maxRequestBytes;
    private final @Nullable String publicOrigin;

    PublicRequestGuard(long maxRequestBytes, @Nullable String publicBaseUrl) {
        this.maxRequestBytes = maxRequestBytes;
        this.publicOrigin = origin(publicBaseUrl);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/error") || path.startsWith("/error/")) {
            refuse(request, response, 404, "Not found", "There is nothing at this address.");
            return;
        }
        boolean hasBody = !HttpMethod.GET.matches(request.getMethod()) && !HttpMethod.HEAD.matches(request.getMethod())
                && !HttpMethod.OPTIONS.matches(request.getMethod());
        if (hasBody) {
            long length = request.getContentLengthLong();
            if (length > maxRequestBytes || length < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
                response.setHeader(HttpHeaders.CONNECTION, "close");
                refuse(request, response, 413, "Too large", "The request is larger than this address accepts ("
                        + megabytes() + "). Attach a smaller file (a photo or PDF up to 1 MB).");
                return;
            }
            if (crossSite(request)) {
                refuse(request, response, 403, "Not allowed", "Forms can be sent to this address only from its own pages.");
                return;
            }
        }
        try {
            request.getParameterMap();
            String type = request.getContentType();
            if (hasBody && type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
                request.getParts();
            }
        } catch (IllegalStateException | IOException | ServletException unreadable) {
            refuse(request, response, 400, "Not a valid request", "The address or the form could not be read "
                    + "(broken %-encoding or a damaged upload).");
            return;
        }
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }

    private boolean crossSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return true;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return false; // not a browser form post (curl, a scanner app): the size cap and rate limit apply
        }
        String own = request.getScheme() + "://" + request.getHeader(HttpHeaders.HOST);
        return !origin.equalsIgnoreCase(own) && !origin.equalsIgnoreCase(publicOrigin);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String title,
                        String message) throws IOException {
        log.info("Refused {} {} from a public client: {} {}", request.getMethod(), cut(request.getRequestURI()),
                status, title);
        response.setStatus(status);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        String path = request.getRequestURI();
        if (PublicRoutes.wantsJson(request) || path.startsWith("/api/")) {
            response.setContentType("application/problem+json");
            response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":"
                    + status + ",\"detail\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
        } else {
            response.setContentType("text/html;charset=UTF-8");
            response.getOutputStream().write(VerificationPages.error(title, message).getBytes(StandardCharsets.UTF_8));
        }
    }

    private String megabytes() {
        return maxRequestBytes % (1024 * 1024) == 0 ? maxRequestBytes / (1024 * 1024) + " MB" : maxRequestBytes + " bytes";
    }

    private static String cut(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 120 ? printable.substring(0, 120) + "..." : printable;
    }

    private static @Nullable String origin(@Nullable String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(url.strip());
            return uri.getScheme() + "://" + uri.getRawAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
