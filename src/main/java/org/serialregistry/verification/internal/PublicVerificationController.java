package org.serialregistry.verification.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.serialregistry.serial.ManufacturingProof;
import org.serialregistry.serial.ManufacturingSignatures;
import org.serialregistry.factors.FactorReadings;
import org.serialregistry.shared.InvalidInput;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.verification.PublicRegistration;
import org.serialregistry.verification.PublicVerdict;
import org.serialregistry.verification.RegistrationIntake;
import org.serialregistry.verification.RegistrationResult;
import org.serialregistry.verification.VerificationAnswer;
import org.serialregistry.verification.VerificationResult;
import org.serialregistry.verification.Verifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.servlet.HandlerMapping;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

// Over 400 lines on purpose: one anonymous resolver path with its link types (verification,
// registration form, service information, link set) that must answer alike in HTML and JSON; the
// pages themselves are rendered by VerificationPages. Split out first: the registration form's
// POST handling, which shares only the link parsing with the rest.
/**
 * The public GS1 Digital Link resolver: {@code /01/{gtin}[/10/{lot}]/21/{serial}}, anonymous, plain
 * Spring MVC (no Vaadin, no HTTP session). HTML by default, JSON for {@code Accept: application/json};
 * {@code ?linkType=} chooses the verification (default), the registration form, service information
 * or the RFC 9264 link set. Every verification goes into the scan log without waiting for it.
 */
@Controller
class PublicVerificationController {

    private static final Logger log = LoggerFactory.getLogger(PublicVerificationController.class);
    static final List<String> LINK_TYPES = List.of("gs1:verificationService", "gs1:registerProduct",
            "gs1:serviceInfo", "linkset");
    private static final int MAX_PROOF_BYTES = 1024 * 1024;

    private final Verifications verifications;
    private final ScanRequests scanRequests;
    private final ScanLogWriter scanLog;
    // resolved once: a bean factory lookup per request is measurable on the hottest route
    private final Supplier<Optional<RegistrationIntake>> intake;
    private final Clock clock;
    private final String baseUrl;
    private final ObjectWriter answerWriter;
    private final ObjectWriter proofWriter;
    private final ManufacturingSignatures signatures;
    // A unit's proof never changes: its JSON is kept, bounded, so the hot JSON route only splices bytes
    private final Cache<String, byte[]> proofJson = Caffeine.newBuilder().maximumSize(20_000).build();

    PublicVerificationController(Verifications verifications, ScanRequests scanRequests, ScanLogWriter scanLog,
                                 ObjectProvider<RegistrationIntake> intake, Clock clock, JsonMapper json,
                                 @Value("${serial-registry.public-base-url:http://localhost:8080}") String baseUrl,
                                 ManufacturingSignatures signatures) {
        this.answerWriter = json.writerFor(VerificationAnswer.class);
        this.signatures = signatures;
        this.proofWriter = json.writerFor(ManufacturingProof.class);
        this.verifications = verifications;
        this.scanRequests = scanRequests;
        this.scanLog = scanLog;
        this.intake = SingletonSupplier.of(() -> Optional.ofNullable(intake.getIfAvailable()));
        this.clock = clock;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    // Path variables and query parameters are read from the request, not bound: binding converts each
    // value through the conversion service, measurable on this, the hottest route of the service
    @GetMapping({"/01/{gtin}/21/{serial}", "/01/{gtin}/10/{lot}/21/{serial}"})
    @Nullable ResponseEntity<?> resolve(HttpServletRequest request, HttpServletResponse response) throws IOException {
        @SuppressWarnings("unchecked")
        var path = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return dispatch(path.get("gtin"), path.get("lot"), path.get("serial"), request, response);
    }

    @PostMapping({"/01/{gtin}/21/{serial}", "/01/{gtin}/10/{lot}/21/{serial}"})
    ResponseEntity<?> register(@PathVariable String gtin, @PathVariable(required = false) @Nullable String lot,
                               @PathVariable String serial, @RequestParam Map<String, String> form,
                               @RequestParam(name = "proof", required = false) @Nullable MultipartFile proof,
                               HttpServletRequest request) {
        String self = selfPath(gtin, lot, serial);
        var result = verifications.verify(gtin, lot, serial, null);
        if (!"gs1:registerProduct".equals(form.get("linkType"))) {
            return notFound(request, "Nothing to post here", "This address takes registrations only "
                    + "(linkType gs1:registerProduct).");
        }
        if (!VerificationPages.registrable(result.answer())) {
            return html(HttpStatus.UNPROCESSABLE_CONTENT, VerificationPages.message("Cannot register",
                    "Only genuine products in use can be registered. " + result.answer().message(), "bad", self));
        }
        var registrations = intake.get().orElse(null);
        if (registrations == null) {
            return html(HttpStatus.SERVICE_UNAVAILABLE, VerificationPages.message("Registration is not available",
                    "Product registration is not available at the moment. Your product is genuine; please try again later.",
                    "inv", self));
        }
        String name = productName(result);
        VerificationPages.KeptProof kept = null;
        try {
            byte[] proofBytes = null;
            String proofType = null;
            String proofName = null;
            if (proof != null && !proof.isEmpty()) {
                if (proof.getSize() > MAX_PROOF_BYTES) {
                    throw new IllegalArgumentException("proof: the file is larger than 1 MB");
                }
                proofBytes = proof.getBytes();
                proofType = proof.getContentType();
                proofName = proof.getOriginalFilename();
            } else if (form.get("proofKept") != null && !form.get("proofKept").isEmpty()) {
                // the file chosen before a refused attempt, sent back from the page
                try {
                    proofBytes = java.util.Base64.getDecoder().decode(form.get("proofKept"));
                } catch (IllegalArgumentException notBase64) {
                    throw new IllegalArgumentException("proof: the kept file is damaged; choose it again");
                }
                if (proofBytes.length > MAX_PROOF_BYTES) {
                    throw new IllegalArgumentException("proof: the file is larger than 1 MB");
                }
                proofType = form.get("proofKeptType");
                proofName = form.get("proofKeptName");
            }
            if (proofBytes != null) {
                kept = new VerificationPages.KeptProof(proofName == null ? "proof" : proofName,
                        proofType == null ? "application/octet-stream" : proofType,
                        java.util.Base64.getEncoder().encodeToString(proofBytes));
            }
            LocalDate purchased;
            try {
                purchased = LocalDate.parse(form.getOrDefault("purchaseDate", ""));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("purchaseDate: enter the date of purchase as YYYY-MM-DD");
            }
            RegistrationResult outcome = registrations.register(new PublicRegistration(Gtin.of(result.gtin()),
                    new SerialNumber(result.serial()), purchased, form.getOrDefault("retailer", ""),
                    form.getOrDefault("ownerName", ""), form.getOrDefault("email", ""), proofBytes, proofType,
                    proofName, scanRequests.clientKey(request)));
            return html(outcome.accepted() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT, VerificationPages.message(
                    outcome.accepted() ? "Registered" : "Not registered", outcome.message(),
                    outcome.accepted() ? "ok" : "bad", self));
        } catch (IllegalArgumentException e) {
            // what was typed and the chosen file stay; a file that was itself the problem is not kept
            boolean fileRefused = InvalidInput.of(e).stream().anyMatch(p -> p.field().equals("proof"));
            return html(HttpStatus.BAD_REQUEST, VerificationPages.registrationForm(name, result.serial(), self, e,
                    typedFields(form), fileRefused ? null : kept, LocalDate.now(clock)));
        } catch (IOException e) {
            return html(HttpStatus.BAD_REQUEST, VerificationPages.registrationForm(name, result.serial(), self,
                    new IllegalArgumentException("proof: the file could not be read"), typedFields(form), null,
                    LocalDate.now(clock)));
        }
    }

    private static Map<String, String> typedFields(Map<String, String> form) {
        var typed = new java.util.HashMap<String, String>();
        for (String field : List.of("ownerName", "email", "purchaseDate", "retailer")) {
            String v = form.get(field);
            if (v != null) {
                typed.put(field, v.length() > 254 ? v.substring(0, 254) : v);
            }
        }
        return typed;
    }

    /** Any other path under /01/ (a Digital Link we do not resolve, or no link at all): 404, never Vaadin. */
    @RequestMapping("/01/**")
    ResponseEntity<?> unknownPath(HttpServletRequest request) {
        return notFound(request, "Not found", "This address is not a unit's GS1 Digital Link. "
                + "A link looks like /01/{GTIN}/21/{serial} or /01/{GTIN}/10/{lot}/21/{serial}.");
    }

    private @Nullable ResponseEntity<?> dispatch(String gtin, @Nullable String lot, String serial,
                                                 HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String linkType = request.getParameter("linkType");
        if (linkType == null) {
            linkType = "gs1:verificationService";
        }
        boolean json = PublicRoutes.wantsJson(request);
        String self = selfPath(gtin, lot, serial);
        return switch (linkType) {
            case "gs1:verificationService", "gs1:defaultLink" -> verify(gtin, lot, serial, request, response, json, self);
            case "gs1:registerProduct" -> registrationForm(gtin, lot, serial, request, self);
            case "gs1:serviceInfo" -> serviceInfo(gtin, lot, serial, json, self);
            case "linkset" -> linkset(gtin, lot, serial, request, self);
            default -> notFound(request, "Unknown link type", "This resolver offers the link types "
                    + String.join(", ", LINK_TYPES) + ".");
        };
    }

    private @Nullable ResponseEntity<?> verify(String gtin, @Nullable String lot, String serial,
                                               HttpServletRequest request, HttpServletResponse response, boolean json,
                                               String self) throws IOException {
        VerificationResult result = verifications.verify(gtin, lot, serial, request.getParameter("17"),
                readings(request));
        scanLog.submit(scanRequests.scanOf(result, request, response, request.getParameter("country"),
                request.getParameter("lat"), request.getParameter("lon")));
        VerificationAnswer answer = result.answer();
        HttpStatus status = answer.verdict() == PublicVerdict.INVALID ? HttpStatus.BAD_REQUEST : HttpStatus.OK;
        if (json) {
            // Written here, with its Content-Length, rather than through a ResponseEntity and a message
            // converter: this is the hottest route (measured: 14 us of CPU per reply went to return-value
            // handling and a chunked, flushed body)
            // the offline proof (about 1.5 KB: record, Merkle path, signature) only when asked for with ?proof=true:
            // it would otherwise triple every phone's answer (measured: genuine / bare lookup 0.93 with it, 0.95 without)
            byte[] plain = answerWriter.writeValueAsBytes(answer);
            byte[] body = "true".equalsIgnoreCase(request.getParameter("proof")) ? withProof(plain, result) : plain;
            response.setStatus(status.value());
            response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return null;
        }
        String country = request.getParameter("country");
        String noted = country != null && country.strip().matches("[A-Za-z]{2}")
                ? country.strip().toUpperCase(java.util.Locale.ROOT) : null;
        return html(status, VerificationPages.answer(answer, result.gtin() == null ? "" : result.gtin(),
                lot == null ? null : ScanTextCut.cut(lot), result.serial(), self, intake.get().isPresent(),
                Instant.now(clock), noted));
    }

    /** Appends "manufacturingSignature" (the offline-verifiable proof) to the answer of a unit the registry issued. */
    private byte[] withProof(byte[] answer, VerificationResult result) {
        if (result.unitStatus() == null || answer.length < 2 || answer[answer.length - 1] != '}') {
            return answer;
        }
        byte[] proof = proofJson.getIfPresent(result.serial());
        if (proof == null) {
            try {
                proof = signatures.proofOf(new SerialNumber(result.serial())).map(proofWriter::writeValueAsBytes).orElse(null);
            } catch (IllegalArgumentException e) {
                proof = null;
            }
            if (proof == null) {
                return answer;
            }
            proofJson.put(result.serial(), proof);
        }
        byte[] key = ",\"manufacturingSignature\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] out = new byte[answer.length - 1 + key.length + proof.length + 1];
        System.arraycopy(answer, 0, out, 0, answer.length - 1);
        System.arraycopy(key, 0, out, answer.length - 1, key.length);
        System.arraycopy(proof, 0, out, answer.length - 1 + key.length, proof.length);
        out[out.length - 1] = '}';
        return out;
    }

    /**
     * Second factors read with the code: an NTAG 424 DNA tap mirrors {@code picc_data} and {@code cmac}
     * (or the short {@code e} and {@code c}); a buyer types {@code scratch} and {@code hologram}.
     */
    private static FactorReadings readings(HttpServletRequest request) {
        if (request.getQueryString() == null) {
            return FactorReadings.NONE;
        }
        String picc = first(request, "picc_data", "e");
        String cmac = first(request, "cmac", "c");
        String scratch = request.getParameter("scratch");
        String hologram = request.getParameter("hologram");
        if (picc == null && cmac == null && scratch == null && hologram == null) {
            return FactorReadings.NONE;
        }
        return new FactorReadings(cut(picc), cut(cmac), cut(scratch), cut(hologram));
    }

    private static @Nullable String first(HttpServletRequest request, String name, String alias) {
        String value = request.getParameter(name);
        return value != null ? value : request.getParameter(alias);
    }

    private static @Nullable String cut(@Nullable String s) {
        return s == null ? null : s.length() > 64 ? s.substring(0, 64) : s;
    }

    private ResponseEntity<?> registrationForm(String gtin, @Nullable String lot, String serial,
                                               HttpServletRequest request, String self) {
        var result = verifications.verify(gtin, lot, serial, null);
        if (result.answer().verdict() == PublicVerdict.INVALID) {
            return badRequest(request, result.answer().message());
        }
        if (!VerificationPages.registrable(result.answer())) {
            return html(HttpStatus.OK, VerificationPages.message("Cannot register",
                    "Only genuine products in use can be registered. " + result.answer().message(), "bad", self));
        }
        if (intake.get().isEmpty()) {
            if (PublicRoutes.wantsJson(request)) {
                return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("registrationAvailable", false, "message", "Registration is not available"));
            }
            return html(HttpStatus.OK, VerificationPages.message("Registration is not available",
                    "Product registration is not available at the moment. Your product is genuine; please try again later.",
                    "inv", self));
        }
        if (PublicRoutes.wantsJson(request)) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of("registrationAvailable", true,
                    "action", baseUrl + self + "?linkType=gs1:registerProduct", "method", "POST",
                    "fields", List.of("ownerName", "email", "purchaseDate", "retailer", "proof")));
        }
        return html(HttpStatus.OK, VerificationPages.registrationForm(productName(result), result.serial(), self, null,
                Map.of(), null, LocalDate.now(clock)));
    }

    private ResponseEntity<?> serviceInfo(String gtin, @Nullable String lot, String serial, boolean json, String self) {
        var result = verifications.verify(gtin, lot, serial, null);
        var answer = result.answer();
        if (answer.verdict() == PublicVerdict.INVALID) {
            return json ? problem(HttpStatus.BAD_REQUEST, answer.message())
                    : html(HttpStatus.BAD_REQUEST, VerificationPages.error("Not a valid code", answer.message()));
        }
        if (!answer.verified()) {
            // service information is offered for genuine units only; the answer is the verification's
            return json ? ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer)
                    : html(HttpStatus.OK, VerificationPages.message(VerificationPages.heading(answer), answer.message(),
                    "bad", self));
        }
        if (json) {
            var body = new LinkedHashMap<String, Object>();
            body.put("product", answer.product());
            body.put("serial", result.serial());
            body.put("productionDate", answer.productionDate());
            if (answer.warranty() != null) {
                body.put("warranty", answer.warranty());
            }
            body.put("service", "Contact an authorised service centre and quote the serial.");
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return html(HttpStatus.OK, VerificationPages.serviceInfo(answer, result.serial(), self));
    }

    private ResponseEntity<?> linkset(String gtin, @Nullable String lot, String serial, HttpServletRequest request,
                                      String self) {
        var result = verifications.verify(gtin, lot, serial, null);
        if (result.answer().verdict() == PublicVerdict.INVALID) {
            return problem(HttpStatus.BAD_REQUEST, result.answer().message());
        }
        String anchor = baseUrl + self;
        var links = new LinkedHashMap<String, Object>();
        links.put("anchor", anchor);
        String title = result.answer().product() != null && result.answer().product().name() != null
                ? result.answer().product().name() : "Unit " + result.serial();
        links.put("https://gs1.org/voc/defaultLink", List.of(link(anchor, "Verification of " + title, "text/html")));
        links.put("https://gs1.org/voc/verificationService", List.of(link(anchor, "Verification of " + title, "text/html"),
                link(anchor, "Verification of " + title + " (GS1 Lightweight Verification Messaging)", "application/json")));
        if (result.answer().verified()) {
            if (intake.get().isPresent()) {
                links.put("https://gs1.org/voc/registerProduct", List.of(link(anchor + "?linkType=gs1:registerProduct",
                        "Register " + title, "text/html")));
            }
            links.put("https://gs1.org/voc/serviceInfo", List.of(link(anchor + "?linkType=gs1:serviceInfo",
                    "Service information for " + title, "text/html")));
        }
        return ResponseEntity.ok().contentType(PublicRoutes.LINKSET_JSON).cacheControl(CacheControl.noStore())
                .body(Map.of("linkset", List.of(links)));
    }

    private static Map<String, String> link(String href, String title, String type) {
        var link = new LinkedHashMap<String, String>();
        link.put("href", href);
        link.put("title", title);
        link.put("type", type);
        return link;
    }

    private ResponseEntity<?> notFound(HttpServletRequest request, String title, String message) {
        return PublicRoutes.wantsJson(request) ? problem(HttpStatus.NOT_FOUND, message)
                : html(HttpStatus.NOT_FOUND, VerificationPages.error(title, message));
    }

    private ResponseEntity<?> badRequest(HttpServletRequest request, String message) {
        return PublicRoutes.wantsJson(request) ? problem(HttpStatus.BAD_REQUEST, message)
                : html(HttpStatus.BAD_REQUEST, VerificationPages.error("Not a valid code", message));
    }

    static ResponseEntity<?> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }

    static ResponseEntity<?> html(HttpStatus status, String page) {
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore()).body(page);
    }

    private static String productName(VerificationResult result) {
        var product = result.answer().product();
        return product != null && product.name() != null ? product.name() : "Product";
    }

    /** The path of this link with only well-formed parts (used in links and form actions; escaped when shown). */
    private static String selfPath(String gtin, @Nullable String lot, String serial) {
        return "/01/" + ScanTextCut.cut(gtin) + (lot == null ? "" : "/10/" + ScanTextCut.cut(lot)) + "/21/"
                + ScanTextCut.cut(serial);
    }
}
