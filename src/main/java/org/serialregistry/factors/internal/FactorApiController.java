package org.serialregistry.factors.internal;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.serialregistry.api.Problems;
import org.serialregistry.factors.HologramBinding;
import org.serialregistry.factors.Holograms;
import org.serialregistry.factors.ImportReport;
import org.serialregistry.factors.NfcTags;
import org.serialregistry.factors.ProductFactors;
import org.serialregistry.factors.SecondFactor;
import org.serialregistry.factors.SecondFactors;
import org.serialregistry.factors.TagBinding;
import org.serialregistry.factors.TagEncoding;
import org.serialregistry.shared.Gtin;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The second-factor API for ERP, MES and tag encoders: which factors a product's units carry, NFC tag
 * binding (one tag, or the encoder's Excel file), the keys to encode a tag with, hologram binding.
 * Who may call what is decided by the services' method security (PRODUCTION, ADMIN).
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Second factors", description = "NFC tags (NTAG 424 DNA), scratch-off codes and holograms")
class FactorApiController {

    /** Body of a product's factors: e.g. {@code {"factors":["NFC","SCRATCH_OFF"]}}. */
    record FactorsBody(@Nullable List<String> factors) {
    }

    /** A product's factors as the API shows them. */
    record ProductFactorsBody(String gtin, List<SecondFactor> factors) {
        static ProductFactorsBody of(ProductFactors p) {
            return new ProductFactorsBody(p.gtin().value(), p.factors().stream().sorted().toList());
        }
    }

    record TagBody(@Nullable String uid, @Nullable String serial) {
    }

    private final SecondFactors factors;
    private final NfcTags tags;
    private final Holograms holograms;

    FactorApiController(SecondFactors factors, NfcTags tags, Holograms holograms) {
        this.factors = factors;
        this.tags = tags;
        this.holograms = holograms;
    }

    @Operation(summary = "Which second factors the units of a product carry")
    @PreAuthorize("hasAnyRole('PRODUCTION','FORENSICS','ADMIN')")
    @GetMapping("/products/{gtin}/second-factors")
    ProductFactorsBody get(@PathVariable String gtin) {
        return ProductFactorsBody.of(factors.forProduct(Gtin.of(gtin)));
    }

    @Operation(summary = "Set the second factors the units of a product carry (NFC, SCRATCH_OFF, HOLOGRAM; empty: none)")
    @PreAuthorize("hasAnyRole('PRODUCTION','ADMIN')")
    @PutMapping("/products/{gtin}/second-factors")
    ProductFactorsBody put(@PathVariable String gtin, @RequestBody FactorsBody body) {
        var set = EnumSet.noneOf(SecondFactor.class);
        for (String name : body.factors() == null ? List.<String>of() : body.factors()) {
            try {
                set.add(SecondFactor.valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("factors: '" + name + "' is not one of NFC, SCRATCH_OFF, HOLOGRAM");
            }
        }
        return ProductFactorsBody.of(factors.configure(Gtin.of(gtin), set));
    }

    @Operation(summary = "Bind an NTAG 424 DNA tag (UID, 14 hex digits) to a unit, at issue or at packing")
    @PreAuthorize("hasAnyRole('PRODUCTION','ADMIN')")
    @PostMapping("/nfc-tags")
    ResponseEntity<TagBinding> bind(@RequestBody TagBody body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(tags.bind(body.uid() == null ? "" : body.uid(),
                body.serial() == null ? "" : body.serial()));
    }

    @Operation(summary = "Bind the tags of the encoder's Excel file (columns UID, Serial): all rows or none")
    @PreAuthorize("hasAnyRole('PRODUCTION','ADMIN')")
    @PostMapping(value = "/nfc-tags/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<?> importTags(@RequestParam("file") MultipartFile file) throws IOException {
        ImportReport report;
        try (var in = file.getInputStream()) {
            report = tags.importWorkbook(in);
        }
        if (!report.accepted()) {
            var problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "Nothing was imported: " + report.rejected().size()
                    + " row(s) are wrong");
            problem.setProperty("rejected", report.rejected());
            return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return ResponseEntity.ok(Map.of("imported", report.imported()));
    }

    @Operation(summary = "The keys and NDEF URL template to encode a bound tag with (secret; audited)")
    @PreAuthorize("hasAnyRole('PRODUCTION','ADMIN')")
    @GetMapping("/nfc-tags/{uid}/encoding")
    TagEncoding encoding(@PathVariable String uid) {
        return tags.encoding(uid);
    }

    @Operation(summary = "Bind hologram numbers (a list, or a range from..to) to a unit (serial) or a lot (gtin + lot)")
    @PreAuthorize("hasAnyRole('PRODUCTION','ADMIN')")
    @PostMapping("/holograms")
    ResponseEntity<Map<String, Integer>> bindHolograms(@RequestBody HologramBinding body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("bound", holograms.bind(body)));
    }
}
