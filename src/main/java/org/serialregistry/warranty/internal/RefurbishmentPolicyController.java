package org.serialregistry.warranty.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.Gtin;
import org.serialregistry.warranty.RefurbishmentCover;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The refurbishment policy of a product: how long refurbished units are covered. */
@RestController
@RequestMapping(path = "/api/v1/warranty/refurbishment-policies", produces = {MediaType.APPLICATION_JSON_VALUE,
        MediaType.APPLICATION_PROBLEM_JSON_VALUE})
@Tag(name = "Warranty")
class RefurbishmentPolicyController {

    record Term(@Nullable String gtin, @Nullable Integer termMonths, @Nullable Boolean replacementOwnTerm) {
        static Term of(RefurbishmentCover.Policy p) {
            return new Term(p.gtin(), p.termMonths(), p.replacementOwnTerm());
        }
    }

    private final RefurbishmentCover cover;

    RefurbishmentPolicyController(RefurbishmentCover cover) {
        this.cover = cover;
    }

    @PreAuthorize("hasAnyRole('WARRANTY','SERVICE_CENTER','QUALITY','ADMIN')")
    @GetMapping("/{gtin}")
    @Operation(summary = "The refurbishment policy of a product")
    Term get(@PathVariable String gtin) {
        return Term.of(cover.policy(Gtin.of(gtin)));
    }

    @PreAuthorize("hasAnyRole('WARRANTY','ADMIN')")
    @PutMapping("/{gtin}")
    @Operation(summary = "Set the refurbishment policy of a product: term of refurbished units (1 to 120 months), "
            + "and whether replacements get their own term instead of the replaced unit's remaining cover")
    Term put(@PathVariable String gtin, @RequestBody Term body) {
        if (body.termMonths() == null) {
            throw new IllegalArgumentException("termMonths: from 1 to 120 months");
        }
        return Term.of(cover.setPolicy(Gtin.of(gtin), body.termMonths(), Boolean.TRUE.equals(body.replacementOwnTerm())));
    }
}
