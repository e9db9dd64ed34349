package org.serialregistry.serial;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.serialregistry.audit.AuditTrail;
import org.serialregistry.serial.internal.Facility;
import org.serialregistry.serial.internal.FacilityRepository;
import org.serialregistry.serial.internal.Product;
import org.serialregistry.serial.internal.ProductRepository;
import org.serialregistry.shared.CountryCode;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.InvalidInput;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Products, facilities and production lines. Reading is open to every signed-in user and to other
 * modules; changes need the PRODUCTION or ADMIN role and land in the audit trail. Numbers of
 * facilities and lines are encoded in serials, so they never change once created.
 */
@Service
public class MasterData {

    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{0,15}");

    private final ProductRepository products;
    private final FacilityRepository facilities;
    private final AuditTrail audit;
    private final Clock clock;

    MasterData(ProductRepository products, FacilityRepository facilities, AuditTrail audit, Clock clock) {
        this.products = products;
        this.facilities = facilities;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<ProductView> products() {
        return products.findAllByOrderByNameAsc().stream().map(Product::toView).toList();
    }

    @Transactional(readOnly = true)
    public Optional<ProductView> product(Gtin gtin) {
        return products.findByGtin(gtin.value()).map(Product::toView);
    }

    @Transactional(readOnly = true)
    public List<FacilityView> facilities() {
        return facilities.findAllByOrderByCodeAsc().stream().map(Facility::toView).toList();
    }

    @Transactional(readOnly = true)
    public Optional<FacilityView> facility(String code) {
        return facilities.findByCode(code).map(Facility::toView);
    }

    @Transactional(readOnly = true)
    public Optional<FacilityView> facilityByNumber(int number) {
        return facilities.findByNumber(number).map(Facility::toView);
    }

    /** Number of products per category, every category present (zero when none). */
    @Transactional(readOnly = true)
    public Map<ProductCategory, Long> productsPerCategory() {
        var counts = new EnumMap<ProductCategory, Long>(ProductCategory.class);
        for (ProductCategory c : ProductCategory.values()) {
            counts.put(c, 0L);
        }
        products().forEach(p -> counts.merge(p.category(), 1L, Long::sum));
        return counts;
    }

    /** Number of products intended for each market, by country code. */
    @Transactional(readOnly = true)
    public Map<String, Long> productsPerMarket() {
        return products().stream().flatMap(p -> p.intendedMarkets().stream())
                .collect(Collectors.groupingBy(CountryCode::value, TreeMap::new, Collectors.counting()));
    }

    /** @throws IllegalArgumentException naming the field that is wrong; nothing is written then */
    @Transactional
    @PreAuthorize("hasAnyRole('PRODUCTION','ADMIN')")
    public ProductView createProduct(NewProduct request) {
        return save(check(request));
    }

    /** A product request that passed every check, normalised. */
    record CheckedProduct(Gtin gtin, String name, ProductCategory category, RiskClass riskClass,
                          Set<CountryCode> markets, String udi) {
    }

    /**
     * Every check of {@link #createProduct} without writing.
     *
     * @throws InvalidInput naming every wrong field at once, in the order of the product's fields
     */
    CheckedProduct check(NewProduct request) {
        var errors = new InvalidInput.Collector();
        Gtin gtin = errors.get("gtin", () -> named("gtin", () -> Gtin.of(request.gtin())));
        if (gtin != null) {
            errors.require(!products.existsByGtin(gtin.value()), "gtin",
                    "a product with GTIN " + gtin.value() + " already exists");
        }
        String name = errors.get("name", () -> requireText("name", request.name(), 128));
        errors.require(request.category() != null, "category", "choose electronics, medical device or automotive");
        var riskClass = request.riskClass() == null ? RiskClass.STANDARD : request.riskClass();
        Set<CountryCode> markets = errors.get("intendedMarkets", () -> {
            Set<CountryCode> given = request.intendedMarkets() == null ? Set.of() : request.intendedMarkets().stream()
                    .map(m -> country("intendedMarkets", m)).collect(Collectors.toSet());
            if (given.isEmpty()) {
                throw new IllegalArgumentException("intendedMarkets: name at least one country code, e.g. DE or US");
            }
            return given;
        });
        String udi = request.udiDeviceIdentifier() == null || request.udiDeviceIdentifier().isBlank() ? null
                : request.udiDeviceIdentifier().trim();
        if (request.category() != null) {
            errors.require(udi == null || request.category() == ProductCategory.MEDICAL_DEVICE, "udiDeviceIdentifier",
                    "only medical devices carry a UDI device identifier");
        }
        errors.throwIfAny();
        if (udi == null && request.category() == ProductCategory.MEDICAL_DEVICE) {
            udi = gtin.value(); // FDA UDI: the device identifier is the GTIN unless told otherwise
        }
        return new CheckedProduct(gtin, name, request.category(), riskClass, markets, udi);
    }

    /** A value type's refusal, named by the field it was read from. */
    private static <T> T named(String field, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    ProductView save(CheckedProduct p) {
        var product = products.save(new Product(p.gtin(), p.name(), p.category(), p.riskClass(), p.markets(), p.udi(),
                Instant.now(clock)));
        var view = product.toView();
        audit.record("product.created", "product", p.gtin().value(), null, AuditTrail.state("name", p.name(),
                "category", p.category().name(), "riskClass", p.riskClass().name(),
                "markets", p.markets().stream().map(CountryCode::value).sorted().toList(), "udiDi", p.udi()));
        return view;
    }

    @Transactional
    @PreAuthorize("hasAnyRole('PRODUCTION','ADMIN')")
    public FacilityView createFacility(String code, int number, String name, String country) {
        String c = requireCode("code", code);
        if (number < 0 || number > 1023) {
            throw new IllegalArgumentException("number: a facility number is 0 to 1023 (it is encoded in serials)");
        }
        if (facilities.existsByCodeOrNumber(c, number)) {
            throw new IllegalArgumentException("code/number: facility " + c + " or number " + number + " already exists");
        }
        var facility = facilities.save(new Facility(c, number, requireText("name", name, 128), country("country", country),
                Instant.now(clock)));
        audit.record("facility.created", "facility", c, null,
                AuditTrail.state("number", number, "name", name, "country", country));
        return facility.toView();
    }

    @Transactional
    @PreAuthorize("hasAnyRole('PRODUCTION','ADMIN')")
    public FacilityView addLine(String facilityCode, String code, int number, String name) {
        var facility = facilities.findByCode(facilityCode)
                .orElseThrow(() -> new IllegalArgumentException("facility: no facility with code " + facilityCode));
        String c = requireCode("code", code);
        if (number < 0 || number > 31) {
            throw new IllegalArgumentException("number: a line number is 0 to 31 (it is encoded in serials)");
        }
        if (facility.getLines().stream().anyMatch(l -> l.getNumber() == number || l.getCode().equals(c))) {
            throw new IllegalArgumentException("line: " + facilityCode + " already has line " + c + " or number " + number);
        }
        facility.addLine(c, number, requireText("name", name, 128));
        facilities.saveAndFlush(facility);
        audit.record("line.created", "production-line", facilityCode + "/" + c, null,
                AuditTrail.state("number", number, "name", name));
        return facility.toView();
    }

    /** A country code whose error message names the form field it came from. */
    private static CountryCode country(String field, String value) {
        try {
            return CountryCode.of(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    private static String requireText(String field, String value, int max) {
        if (value == null || value.isBlank() || value.trim().length() > max) {
            throw new IllegalArgumentException(field + ": must have 1 to " + max + " characters");
        }
        return value.trim();
    }

    private static String requireCode(String field, String value) {
        String v = value == null ? "" : value.trim().toUpperCase();
        if (!CODE.matcher(v).matches()) {
            throw new IllegalArgumentException(field + ": 1 to 16 characters, letters, digits and '-'");
        }
        return v;
    }
}
