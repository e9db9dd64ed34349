package org.serialregistry.verification.internal;

import java.util.NoSuchElementException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.serialregistry.api.ListPage;
import org.serialregistry.api.ListQuery;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.InvalidInput;
import org.serialregistry.shared.UnitCode;
import org.serialregistry.verification.CounterfeitList;
import org.serialregistry.verification.CounterfeitReason;
import org.serialregistry.verification.ListedCounterfeit;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public counterfeit list for forensic and channel systems: read it, put a serial on it, take one
 * off (the same checks and audit entries as the portal's Counterfeit list screen). The note stays
 * internal: the public answer only says the code is not genuine.
 */
@RestController
@RequestMapping("/api/v1/counterfeit-list")
@Tag(name = "Counterfeit list")
class CounterfeitListApiController {

    private final CounterfeitList list;

    CounterfeitListApiController(CounterfeitList list) {
        this.list = list;
    }

    /** @param serial a serial, a Digital Link or an element string; the GTIN is read from it when not given */
    record ListingRequest(@Nullable String serial, @Nullable Gtin gtin, @Nullable CounterfeitReason reason,
                          @Nullable String note) {
    }

    record RemovalRequest(@Nullable String reason) {
    }

    @PreAuthorize("hasAnyRole('ADMIN','FORENSICS','CHANNEL')")
    @GetMapping
    @Operation(summary = "Serials on the counterfeit list, newest first; from/to filter the listing time")
    ListPage<ListedCounterfeit> list(@ParameterObject ListQuery.Params params) {
        var q = params.query();
        return q.page(list.all(), ListedCounterfeit::listedAt, null);
    }

    @PreAuthorize("hasAnyRole('ADMIN','FORENSICS')")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Put a serial on the counterfeit list (a listed serial stays as it is)")
    ListedCounterfeit add(@RequestBody ListingRequest r) {
        var errors = new InvalidInput.Collector();
        var code = errors.field("serial", r.serial(), UnitCode::parse);
        String gtin = r.gtin() == null ? (code == null ? null : code.gtinValue()) : r.gtin().value();
        errors.require(r.reason() != null, "reason", "say why the serial is counterfeit: one of REPORTED_BY_CUSTOMER, "
                + "FORENSIC_VERDICT, CLONED_CODE, STOLEN, OTHER");
        errors.throwIfAny();
        return list.report(code.serial(), gtin, r.reason(), r.note());
    }

    @PreAuthorize("hasAnyRole('ADMIN','FORENSICS','CHANNEL')")
    @GetMapping("/{serial}")
    @Operation(summary = "One listed serial (404 when it is not on the list)")
    ListedCounterfeit one(@PathVariable String serial) {
        return list.find(UnitCode.parse(serial).serial().value())
                .orElseThrow(() -> new NoSuchElementException("Serial " + serial + " is not on the counterfeit list"));
    }

    @PreAuthorize("hasAnyRole('ADMIN','FORENSICS')")
    @PostMapping("/{serial}/removal")
    @Operation(summary = "Take a serial off the counterfeit list, saying why")
    ListedCounterfeit remove(@PathVariable String serial, @RequestBody RemovalRequest r) {
        var s = UnitCode.parse(serial).serial();
        var listed = list.find(s.value())
                .orElseThrow(() -> new NoSuchElementException("Serial " + serial + " is not on the counterfeit list"));
        list.remove(s, r.reason());
        return listed;
    }
}
