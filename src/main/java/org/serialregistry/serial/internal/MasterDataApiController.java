package org.serialregistry.serial.internal;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.serialregistry.api.ListPage;
import org.serialregistry.api.ListQuery;
import org.serialregistry.api.Problems;
import org.serialregistry.api.Uploads;
import org.serialregistry.serial.FacilityView;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.NewProduct;
import org.serialregistry.serial.ProductCategory;
import org.serialregistry.serial.ProductView;
import org.serialregistry.serial.ProductWorkbook;
import org.serialregistry.serial.RiskClass;
import org.serialregistry.shared.CountryCode;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.InvalidInput;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Products, facilities and production lines for ERP and MES systems, as the production workspace's
 * Products and facilities screen offers them: read, create, import products from Excel. Facility and
 * line numbers are encoded in serials, so they never change once created.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Products and facilities")
class MasterDataApiController {

    private static final String WRITERS = "hasAnyRole('PRODUCTION','ADMIN')";
    private static final String READERS = "isAuthenticated()";

    private final MasterData masterData;
    private final ProductWorkbook workbook;

    MasterDataApiController(MasterData masterData, ProductWorkbook workbook) {
        this.masterData = masterData;
        this.workbook = workbook;
    }

    record ProductAnswer(String gtin, String name, ProductCategory category, RiskClass riskClass, List<String> intendedMarkets,
                   @Nullable String udiDeviceIdentifier) {

        static ProductAnswer of(ProductView p) {
            return new ProductAnswer(p.gtin().value(), p.name(), p.category(), p.riskClass(),
                    p.intendedMarkets().stream().map(CountryCode::value).sorted().toList(), p.udiDeviceIdentifier());
        }
    }

    record ProductRequest(@Nullable Gtin gtin, @Nullable String name, @Nullable ProductCategory category,
                          @Nullable RiskClass riskClass, @Nullable Set<String> intendedMarkets,
                          @Nullable String udiDeviceIdentifier) {
    }

    record Line(String code, int number, String name) {
    }

    record FacilityAnswer(String code, int number, String name, String country, List<Line> lines) {

        static FacilityAnswer of(FacilityView f) {
            return new FacilityAnswer(f.code(), f.number(), f.name(), f.country().value(),
                    f.lines().stream().map(l -> new Line(l.code(), l.number(), l.name())).toList());
        }
    }

    record FacilityRequest(@Nullable String code, @Nullable Integer number, @Nullable String name,
                           @Nullable String country) {
    }

    record LineRequest(@Nullable String code, @Nullable Integer number, @Nullable String name) {
    }

    /** A clean import: how many rows, and the products they created in row order. */
    record ImportAnswer(int rows, List<ProductAnswer> products) {
    }

    @PreAuthorize(READERS)
    @GetMapping("/products")
    @Operation(summary = "The product catalogue, by name")
    ListPage<ProductAnswer> products(@ParameterObject ListQuery.Params params) {
        return ListPage.of(masterData.products().stream().map(ProductAnswer::of).toList(), params.undated());
    }

    @PreAuthorize(READERS)
    @GetMapping("/products/{gtin}")
    @Operation(summary = "One product by its GTIN")
    ProductAnswer product(@PathVariable String gtin) {
        return masterData.product(Gtin.of(gtin)).map(ProductAnswer::of)
                .orElseThrow(() -> new NoSuchElementException("No product " + gtin));
    }

    @PreAuthorize(WRITERS)
    @PostMapping(path = "/products", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a product (GTIN with a valid check digit, name, category, risk class, intended markets; "
            + "medical devices carry a UDI device identifier, the GTIN unless given)")
    ResponseEntity<ProductAnswer> createProduct(@RequestBody ProductRequest r) {
        var created = ProductAnswer.of(masterData.createProduct(new NewProduct(r.gtin() == null ? null : r.gtin().value(),
                r.name(), r.category(), r.riskClass(), r.intendedMarkets(), r.udiDeviceIdentifier())));
        return ResponseEntity.created(URI.create("/api/v1/products/" + created.gtin())).body(created);
    }

    @PreAuthorize(WRITERS)
    @PostMapping(path = "/products/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import products from an Excel sheet (at most 5 MB and 10,000 rows; header GTIN | Name | Category | "
            + "Risk class | Intended markets | UDI-DI, as the portal's export): every row created (201 with each product), "
            + "or none; then 400 with every bad row and each of its fields in \"rows\"")
    ResponseEntity<?> importProducts(@RequestPart(name = "file", required = false) @Nullable MultipartFile file)
            throws IOException {
        ProductWorkbook.ImportResult result;
        try (var in = Uploads.required(file, "the products workbook (.xlsx)", ProductWorkbook.MAX_BYTES).getInputStream()) {
            result = workbook.importProducts(in);
        }
        if (!result.accepted()) {
            return ResponseEntity.badRequest().body(Problems.rowsRejected(result.rejected().stream()
                    .map(r -> new Problems.RejectedRow(r.row(), r.reason(), r.fields())).toList()));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(new ImportAnswer(result.imported().size(),
                result.imported().stream().map(ProductAnswer::of).toList()));
    }

    @PreAuthorize(READERS)
    @GetMapping("/facilities")
    @Operation(summary = "Production facilities with their lines, by code")
    ListPage<FacilityAnswer> facilities(@ParameterObject ListQuery.Params params) {
        return ListPage.of(masterData.facilities().stream().map(FacilityAnswer::of).toList(), params.undated());
    }

    @PreAuthorize(READERS)
    @GetMapping("/facilities/{code}")
    @Operation(summary = "One facility with its lines")
    FacilityAnswer facility(@PathVariable String code) {
        return masterData.facility(code).map(FacilityAnswer::of)
                .orElseThrow(() -> new NoSuchElementException("No facility " + code));
    }

    @PreAuthorize(WRITERS)
    @PostMapping("/facilities")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a facility (code, number 0 to 1023 as encoded in serials, name, country)")
    FacilityAnswer createFacility(@RequestBody FacilityRequest r) {
        var errors = new InvalidInput.Collector();
        errors.require(r.number() != null, "number", "is missing: a facility number is 0 to 1023");
        errors.require(r.code() != null && !r.code().isBlank(), "code", "is missing");
        errors.throwIfAny();
        return FacilityAnswer.of(masterData.createFacility(r.code(), r.number(), r.name(), r.country()));
    }

    @PreAuthorize(WRITERS)
    @PostMapping("/facilities/{code}/lines")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a production line to a facility (code, number 0 to 31 within the facility, name)")
    FacilityAnswer addLine(@PathVariable String code, @RequestBody LineRequest r) {
        var errors = new InvalidInput.Collector();
        errors.require(r.number() != null, "number", "is missing: a line number is 0 to 31");
        errors.require(r.code() != null && !r.code().isBlank(), "code", "is missing");
        errors.throwIfAny();
        masterData.facility(code).orElseThrow(() -> new NoSuchElementException("No facility " + code));
        return FacilityAnswer.of(masterData.addLine(code, r.code(), r.number(), r.name()));
    }
}
