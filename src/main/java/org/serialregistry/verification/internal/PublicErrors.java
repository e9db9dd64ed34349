package org.serialregistry.verification.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;

/**
 * Errors on the public routes: a clear page or problem document, never a stack trace. Bad input
 * answers 400; an unexpected failure (say, the database is down) answers 503 "try again" with a
 * reference in the log. Errors that happen before our controller (rejected URLs, for instance)
 * reach Spring's {@code /error}, which renders the same safe page for paths under {@code /01/}.
 */
@ControllerAdvice(assignableTypes = PublicVerificationController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PublicErrors {

    private static final Logger log = LoggerFactory.getLogger(PublicErrors.class);

    private final DatabaseOutage outage;
    private final String retryAfter;

    PublicErrors(DatabaseOutage outage, OutageProperties properties) {
        this.outage = outage;
        this.retryAfter = String.valueOf(Math.max(1, properties.retryAfter().toSeconds()));
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class,
            MultipartException.class, HttpMediaTypeException.class, IllegalArgumentException.class,
            RequestRejectedException.class})
    ResponseEntity<?> badInput(Exception e, HttpServletRequest request) {
        String message = "The request is not valid. A link looks like /01/{GTIN}/21/{serial}.";
        if (e instanceof RequestRejectedException) {
            // the firewall refused a parameter (a control character in a form field's name): one line
            log.info("Public request refused by the firewall: {} ({})", request.getRequestURI(), e.getMessage());
        } else if (e instanceof MultipartException) {
            message = "The upload could not be read, or it is larger than allowed (1 MB).";
        }
        return answer(request, HttpStatus.BAD_REQUEST, "Not a valid request", message);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<?> unexpected(Exception e, HttpServletRequest request) {
        if (DatabaseOutage.unreachable(e)) {
            // one line, no stack trace: during an outage every request would otherwise log one
            outage.answeredUnavailable();
            log.warn("Public verification answered 503, database unreachable: {} ({})", request.getRequestURI(),
                    e.getMessage());
        } else {
            log.error("Public verification failed for {}: {}", request.getRequestURI(), e.toString(), e);
        }
        var answer = answer(request, HttpStatus.SERVICE_UNAVAILABLE, "Please try again",
                "The check could not be completed just now. Please try again in a minute.");
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, retryAfter).body(answer.getBody());
    }

    private static ResponseEntity<?> answer(HttpServletRequest request, HttpStatus status, String title, String message) {
        return PublicRoutes.wantsJson(request) ? PublicVerificationController.problem(status, message)
                : PublicVerificationController.html(status, VerificationPages.error(title, message));
    }

    /** Spring's /error for paths under /01/: the public page style, status and a fixed sentence only. */
    @Bean
    static ErrorViewResolver publicErrorViewResolver() {
        return new PublicErrorViewResolver();
    }

    @Order(Ordered.HIGHEST_PRECEDENCE)
    static final class PublicErrorViewResolver implements ErrorViewResolver, Ordered {
        @Override
        public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
            Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            if (!(uri instanceof String path) || !path.startsWith("/01/")) {
                return null;
            }
            String title = status.is4xxClientError() ? (status == HttpStatus.NOT_FOUND ? "Not found" : "Not a valid request")
                    : "Please try again";
            String message = status.is4xxClientError()
                    ? "This address is not a valid GS1 Digital Link. A link looks like /01/{GTIN}/21/{serial}."
                    : "The check could not be completed just now. Please try again in a minute.";
            View view = new View() {
                @Override
                public String getContentType() {
                    return "text/html;charset=UTF-8";
                }

                @Override
                public void render(Map<String, ?> m, HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res)
                        throws Exception {
                    res.setContentType(getContentType());
                    res.getOutputStream().write(VerificationPages.error(title, message).getBytes(StandardCharsets.UTF_8));
                }
            };
            var mav = new ModelAndView(view);
            mav.setStatus(status);
            return mav;
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
