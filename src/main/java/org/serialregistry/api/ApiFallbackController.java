package org.serialregistry.api;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Unknown API paths answer 404 as a problem document (instead of reaching the portal). */
@Hidden // not an operation: what every unknown path answers
@RestController
class ApiFallbackController {

    @PreAuthorize("permitAll()") // a 404 for every caller: it reveals nothing
    @RequestMapping("/api/**")
    ResponseEntity<ProblemDetail> unknown(HttpServletRequest request) {
        var p = Problems.of(HttpStatus.NOT_FOUND, "No API resource at " + request.getRequestURI()
                + "; see /v3/api-docs for what exists");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(p);
    }
}
