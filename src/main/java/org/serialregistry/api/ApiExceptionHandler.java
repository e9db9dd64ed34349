package org.serialregistry.api;

import java.util.NoSuchElementException;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.serialregistry.shared.InvalidInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Every error of a REST controller becomes an RFC 9457 problem document that names what is wrong.
 * Validation messages of the domain ({@link IllegalArgumentException}) start with the field name
 * ("gtin: ..."), which is copied into the {@code field} property. Unexpected failures answer 500
 * with a reference for the log, never a stack trace.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** Every problem of an {@link InvalidInput} is in the detail; {@code fields} names each field, in order. */
    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badInput(IllegalArgumentException e) {
        var p = Problems.badRequest(e.getMessage());
        if (e instanceof InvalidInput many) {
            p.setProperty("fields", many.problems().stream().map(InvalidInput.Problem::field).toList());
        }
        return p;
    }

    /** The firewall refused a parameter when it was read (a control character in its name). */
    @ExceptionHandler(RequestRejectedException.class)
    ProblemDetail rejected(RequestRejectedException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "A parameter of the request has a name or value that is not allowed");
    }

    /** A typed value (GTIN, serial, lot) its type refused, deep in a body Jackson wrapped, still names its field. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidInput values) {
                return badInput(values);
            }
        }
        return Problems.of(HttpStatus.BAD_REQUEST, "The request body is not valid JSON of the expected shape");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        var p = Problems.of(HttpStatus.BAD_REQUEST, e.getName() + ": not a valid value");
        p.setProperty("field", e.getName());
        return p;
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ProblemDetail missingHeader(MissingRequestHeaderException e) {
        var p = Problems.of(HttpStatus.BAD_REQUEST, "Header " + e.getHeaderName() + " is required");
        p.setProperty("field", e.getHeaderName());
        return p;
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missingParameter(MissingServletRequestParameterException e) {
        var p = Problems.of(HttpStatus.BAD_REQUEST, "Parameter " + e.getParameterName() + " is required");
        p.setProperty("field", e.getParameterName());
        return p;
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ProblemDetail method(HttpRequestMethodNotSupportedException e) {
        return Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "Method " + e.getMethod() + " is not supported here");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
        return Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json");
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ProblemDetail tooLarge(MaxUploadSizeExceededException e) {
        return Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "The upload is larger than allowed");
    }

    @ExceptionHandler(NoSuchElementException.class)
    ProblemDetail notFound(NoSuchElementException e) {
        return Problems.of(HttpStatus.NOT_FOUND, e.getMessage() == null ? "Not found" : e.getMessage());
    }

    @ExceptionHandler(ObjectOptimisticLockingFailureException.class)
    ProblemDetail conflict(ObjectOptimisticLockingFailureException e) {
        return Problems.of(HttpStatus.CONFLICT, "Someone else changed this record meanwhile; read it again and retry");
    }

    /** A conflict the domain explains in words (someone decided the claim meanwhile, and who). */
    @ExceptionHandler(OptimisticLockingFailureException.class)
    ProblemDetail conflictInWords(OptimisticLockingFailureException e) {
        return Problems.of(HttpStatus.CONFLICT, e.getMessage() == null
                ? "Someone else changed this record meanwhile; read it again and retry" : e.getMessage());
    }

    /**
     * The database cannot be reached (stopped, restarting, out of disk): 503 with Retry-After, one log
     * line, no stack trace (an outage would otherwise log one per request). The transaction, if any
     * began, was rolled back.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e, HttpServletRequest request) {
        log.warn("API answered 503, database unreachable: {} {} ({})", request.getMethod(), request.getRequestURI(),
                e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "30")
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                        "The registry's database cannot be reached just now; send the request again in a minute"));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail integrity(DataIntegrityViolationException e) {
        return Problems.of(HttpStatus.CONFLICT, "The change conflicts with existing data (a duplicate?)");
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail denied(AccessDeniedException e) {
        return Problems.of(HttpStatus.FORBIDDEN, "Your key or token does not grant the role this operation needs");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, HttpServletRequest request) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("API error {} on {} {}", reference, request.getMethod(), request.getRequestURI(), e);
        var p = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "Unexpected error; reference " + reference);
        p.setProperty("reference", reference);
        return p;
    }
}
