package org.serialregistry.custody.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.serialregistry.api.Problems;
import org.serialregistry.api.ListPage;
import org.serialregistry.api.ListQuery;
import org.serialregistry.custody.Custody;
import org.serialregistry.custody.CustodyMovement;
import org.serialregistry.custody.CustodyRefusedException;
import org.serialregistry.custody.NewShipment;
import org.serialregistry.custody.ReceiptLine;
import org.serialregistry.custody.ReceiptOutcome;
import org.serialregistry.custody.ReceiptReport;
import org.serialregistry.custody.Receiving;
import org.serialregistry.custody.Sales;
import org.serialregistry.custody.Shipments;
import org.serialregistry.custody.Shipping;
import org.serialregistry.custody.ShipmentView;
import org.serialregistry.custody.ShipmentAlreadyReceivedException;
import org.serialregistry.custody.ShipmentId;
import org.serialregistry.custody.ShipmentStatus;
import org.serialregistry.custody.UnitCustody;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Shipments, receipts, sales and custody for ERP and partner systems. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Custody")
class ShipmentController {

    private final Shipments shipments;
    private final Shipping shipping;
    private final Receiving receiving;
    private final Sales sales;
    private final Custody custody;

    ShipmentController(Shipments shipments, Shipping shipping, Receiving receiving, Sales sales, Custody custody) {
        this.shipments = shipments;
        this.shipping = shipping;
        this.receiving = receiving;
        this.sales = sales;
        this.custody = custody;
    }

    record ShipmentRequest(String shipmentNumber, String from, String to, @Nullable List<String> serials,
                           @Nullable List<NewShipment.LotRef> lots, @Nullable Map<String, String> references,
                           @Nullable Instant shippedAt) {
    }

    record ReceiptRequest(@Nullable List<String> serials) {
    }

    record SaleRequest(String party, List<String> serials, @Nullable String receipt) {
    }

    record ReceiptAnswer(ShipmentView shipment, Map<ReceiptOutcome, Long> counts, List<ReceiptLine> lines) {
        static ReceiptAnswer of(ReceiptReport r) {
            return new ReceiptAnswer(r.shipment(), r.counts(), r.lines());
        }
    }

    record ShipmentDetails(ShipmentView shipment, List<String> serials, List<ReceiptLine> receipt) {
    }

    record CustodyAnswer(UnitCustody custody, List<CustodyMovement> timeline) {
    }

    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','PRODUCTION','DISTRIBUTOR','SERVICE_CENTER')")
    @PostMapping("/shipments")
    @Operation(summary = "Ship serials or whole lots from a party that holds them to another party")
    ResponseEntity<ShipmentView> ship(@RequestBody ShipmentRequest body) {
        if (body == null) {
            throw new IllegalArgumentException("shipment: send a JSON body");
        }
        var shipment = shipping.ship(new NewShipment(body.shipmentNumber(), body.from(), body.to(),
                body.serials() == null ? List.of() : body.serials(), body.lots() == null ? List.of() : body.lots(),
                body.references() == null ? Map.of() : body.references(), body.shippedAt()));
        return ResponseEntity.created(URI.create("/api/v1/shipments/" + shipment.id())).body(shipment);
    }

    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','PRODUCTION','DISTRIBUTOR','SERVICE_CENTER')")
    @PostMapping("/shipments/{id}/receipt")
    @Operation(summary = "Confirm the receipt of a shipment with the serials received; answers the check per serial")
    ReceiptAnswer receive(@PathVariable long id, @RequestBody ReceiptRequest body) {
        return ReceiptAnswer.of(receiving.receive(new ShipmentId(id), body == null || body.serials() == null ? List.of() : body.serials()));
    }

    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','PRODUCTION','DISTRIBUTOR','SERVICE_CENTER')")
    @PostMapping(path = "/shipments/{id}/receipt", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Confirm the receipt of a shipment with a file of the codes received (.xlsx first column, or "
            + "text, one code per line), as the portal's upload; answers the check per code")
    ReceiptAnswer receiveFile(@PathVariable long id, @RequestPart(name = "file", required = false) @Nullable MultipartFile file)
            throws IOException {
        return ReceiptAnswer.of(receiving.receive(new ShipmentId(id), codes(file)));
    }

    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','PRODUCTION','DISTRIBUTOR','SERVICE_CENTER')")
    @PostMapping(path = "/shipments/{id}/check", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Check a file of scanned codes (.xlsx first column, or text) against a shipment without "
            + "confirming its receipt")
    ReceiptAnswer checkFile(@PathVariable long id, @RequestPart(name = "file", required = false) @Nullable MultipartFile file)
            throws IOException {
        return ReceiptAnswer.of(receiving.check(new ShipmentId(id), codes(file)));
    }

    /** The codes of an uploaded file; its size is checked before it is read. */
    private static List<String> codes(@Nullable MultipartFile file) throws IOException {
        if (file == null || file.isEmpty()) {
            throw new IllegalArgumentException("file: send the codes received as the form part \"file\"");
        }
        if (file.getSize() > ScannedCodeFile.MAX_BYTES) {
            throw new IllegalArgumentException("file: at most " + ScannedCodeFile.MAX_BYTES / (1024 * 1024) + " MB");
        }
        var codes = ScannedCodeFile.read(file.getOriginalFilename(), file.getBytes());
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("file: the file holds no codes");
        }
        return codes;
    }

    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','PRODUCTION','DISTRIBUTOR','SERVICE_CENTER')")
    @PostMapping("/shipments/{id}/check")
    @Operation(summary = "Check scanned serials against a shipment without confirming its receipt")
    ReceiptAnswer check(@PathVariable long id, @RequestBody ReceiptRequest body) {
        return ReceiptAnswer.of(receiving.check(new ShipmentId(id), body == null || body.serials() == null ? List.of() : body.serials()));
    }

    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','PRODUCTION','DISTRIBUTOR','SERVICE_CENTER')")
    @GetMapping("/shipments/{id}")
    @Operation(summary = "A shipment, its serials and, once received, the receipt per serial")
    ShipmentDetails shipment(@PathVariable long id) {
        var shipment = new ShipmentId(id);
        var s = shipments.find(shipment).orElseThrow(() -> new NoSuchElementException("No shipment " + id + " was ever sent"));
        return new ShipmentDetails(s, shipments.serialsOf(shipment), shipments.receiptLines(shipment));
    }

    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','PRODUCTION','DISTRIBUTOR','SERVICE_CENTER')")
    @GetMapping("/shipments")
    @Operation(summary = "Recent shipments, newest first (of the caller's party for partner keys), or one by its number; "
            + "state is the shipment status, from/to the shipping time")
    ListPage<ShipmentView> shipments(@RequestParam(required = false) String number,
                                     @Parameter(example = "DIST-DE") @RequestParam(required = false) String party,
                                     @ParameterObject ListQuery.Params params) {
        var q = params.query(ListQuery.statesOf(ShipmentStatus.class));
        var found = number != null ? shipments.findByNumber(number).map(List::of).orElse(List.<ShipmentView>of())
                : shipments.recent(party, q.latest(10_000));
        return q.page(found, ShipmentView::shippedAt, s -> s.status().name());
    }

    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','DISTRIBUTOR','SERVICE_CENTER')")
    @PostMapping("/sales")
    @Operation(summary = "Sale to the end customer: closes the chain of custody")
    Map<String, Object> sell(@RequestBody SaleRequest body) {
        return Map.of("sold", sales.sell(body.party(), body.serials() == null ? List.of() : body.serials(),
                body.receipt()));
    }

    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','DISTRIBUTOR','SERVICE_CENTER')")
    @GetMapping("/custody")
    @Operation(summary = "Serials a party holds in stock (received, not shipped on or sold)")
    ListPage<String> held(@Parameter(example = "DIST-DE") @RequestParam String holder,
                          @ParameterObject ListQuery.Params params) {
        var q = params.undated();
        return ListPage.of(custody.heldBy(holder, q.latest(100_000)), q);
    }

    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','FORENSICS','WARRANTY','SERVICE_CENTER','DISTRIBUTOR')")
    @GetMapping("/custody/{serial}")
    @Operation(summary = "Who holds a unit now, and its custody events")
    CustodyAnswer custody(@PathVariable String serial) {
        String s = SerialCodes.requireSerial("serial", serial);
        var holder = custody.holderOf(s).orElseThrow(() -> new NoSuchElementException("Serial " + s
                + " was never issued by this registry, or your party never held it"));
        return new CustodyAnswer(holder, custody.timeline(s));
    }

    /** A second receipt of one shipment (two people at the receiving party at once): 409, the first one counts. */
    @ExceptionHandler(ShipmentAlreadyReceivedException.class)
    ProblemDetail alreadyReceived(ShipmentAlreadyReceivedException e) {
        var p = Problems.of(HttpStatus.CONFLICT, e.getMessage());
        p.setTitle("Already received");
        p.setProperty("field", "shipment");
        return p;
    }

    @ExceptionHandler(CustodyRefusedException.class)
    ProblemDetail refused(CustodyRefusedException e) {
        var p = Problems.of(HttpStatus.CONFLICT, e.getMessage());
        p.setTitle("Transfer refused");
        p.setProperty("field", "serials");
        p.setProperty("refusalId", e.refusalId());
        return p;
    }
}
