package org.serialregistry.epcis.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.serialregistry.api.Problems;
import org.serialregistry.epcis.CaptureJob;
import org.serialregistry.epcis.EpcisCapture;
import org.serialregistry.epcis.EpcisDocumentInvalidException;
import org.serialregistry.epcis.EpcisEvents;
import org.serialregistry.epcis.EventQuery;
import org.springframework.http.HttpHeaders;
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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The EPCIS 2.0 REST binding: capture (with its job) and the standard event query. */
@RestController
@RequestMapping("/epcis")
@Tag(name = "EPCIS 2.0", description = "GS1 EPCIS 2.0 capture and query (JSON-LD). Roles: ADMIN, CHANNEL, PRODUCTION, "
        + "DISTRIBUTOR, SERVICE_CENTER; party-bound keys see their party's events only")
class EpcisController {

    static final String CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";
    static final String LD_JSON = "application/ld+json";

    private static final String CAPTURE_EXAMPLE = """
            {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
             "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-12-03T08:00:00Z",
             "epcisBody": {"eventList": [{"type": "ObjectEvent", "action": "OBSERVE",
               "eventTime": "2026-12-03T08:00:00Z", "eventTimeZoneOffset": "+01:00",
               "epcList": ["https://id.gs1.org/01/04012345000016/21/SERIAL0001"],
               "bizStep": "shipping", "disposition": "in_transit",
               "bizLocation": {"id": "urn:serial-registry:location:DIST-DE"},
               "bizTransactionList": [{"type": "desadv", "bizTransaction": "SH-EPCIS-1"}],
               "sourceList": [{"type": "owning_party", "source": "urn:serial-registry:party:DIST-DE"}],
               "destinationList": [{"type": "owning_party", "destination": "urn:serial-registry:party:RET-DE-01"}]}]}}""";
    private static final String JOB_EXAMPLE = """
            {"captureID": "0b4f0b8e-6a86-4d3a-9c1e-1d2f3a4b5c6d", "createdAt": "2026-12-03T08:00:01.120Z",
             "finishedAt": "2026-12-03T08:00:01.120Z", "running": false, "success": true,
             "captureErrorBehaviour": "rollback", "capturedBy": "api-key:demodist", "party": "DIST-DE",
             "eventCount": 1, "appliedCount": 1, "duplicateCount": 0, "errors": []}""";

    private final EpcisCapture capture;
    private final EpcisEvents events;
    private final JsonMapper json;
    private final Clock clock;

    EpcisController(EpcisCapture capture, EpcisEvents events, JsonMapper json, Clock clock) {
        this.capture = capture;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** The capture job in the shape of the standard's capture job resource, plus our counts. */
    record JobAnswer(String captureID, Instant createdAt, Instant finishedAt, boolean running, boolean success,
                     String captureErrorBehaviour, String capturedBy, @Nullable String party, int eventCount,
                     int appliedCount, int duplicateCount, List<String> errors) {
        static JobAnswer of(CaptureJob j) {
            return new JobAnswer(j.id(), j.capturedAt(), j.capturedAt(), false,
                    j.status() == CaptureJob.CaptureStatus.SUCCEEDED, "rollback", j.capturedBy(), j.party(),
                    j.eventCount(), j.appliedCount(), j.duplicateCount(), j.errors());
        }
    }

    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','PRODUCTION','DISTRIBUTOR','SERVICE_CENTER')")
    @PostMapping(path = "/capture", consumes = {MediaType.APPLICATION_JSON_VALUE, LD_JSON})
    @Operation(summary = "Capture an EPCIS 2.0 document (ObjectEvents, AggregationEvents)",
            description = "Each event is checked against GS1's EPCIS 2.0 JSON schema, de-duplicated by its event hash "
                    + "and applied to custody with custody's rules (shipping, receiving, retail_selling; parties as "
                    + "urn:serial-registry:party:<code>, locations as urn:serial-registry:location:<code>): all events "
                    + "or none. 202 with Location /epcis/capture/{id}; 400 when the schema refuses the document.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = LD_JSON, examples = @ExampleObject(name = "shipping", value = CAPTURE_EXAMPLE))),
            responses = @ApiResponse(responseCode = "202", description = "the capture job",
                    content = @Content(mediaType = "application/json",
                            examples = @ExampleObject(name = "job", value = JOB_EXAMPLE))))
    ResponseEntity<JobAnswer> capture(@RequestBody String document) {
        var job = capture.capture(document);
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath().path("/epcis/capture/{id}")
                .buildAndExpand(job.id()).toUri();
        return ResponseEntity.accepted().location(location).body(JobAnswer.of(job));
    }

    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','PRODUCTION','DISTRIBUTOR','SERVICE_CENTER')")
    @GetMapping("/capture/{id}")
    @Operation(summary = "The outcome of a capture: success, counts, and every error of a refused document",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
                    examples = @ExampleObject(name = "job", value = JOB_EXAMPLE))))
    JobAnswer job(@PathVariable String id) {
        return capture.job(id).map(JobAnswer::of)
                .orElseThrow(() -> new NoSuchElementException("No capture job " + id + " that you may see"));
    }

    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','PRODUCTION','DISTRIBUTOR','SERVICE_CENTER')")
    @GetMapping(path = "/events", produces = {LD_JSON, MediaType.APPLICATION_JSON_VALUE})
    @Operation(summary = "Query events (SimpleEventQuery): EQ_bizStep, EQ_disposition, EQ_bizLocation, MATCH_epc, "
            + "MATCH_anyEPC, GE_eventTime, LT_eventTime; paging with perPage and nextPageToken (Link rel=next)",
            description = "Lists are separated by | or ','. EPCs as EPC URNs or GS1 Digital Links. The answer is an "
                    + "EPCISQueryDocument; events are returned as captured, with recordTime.",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = LD_JSON,
                    examples = @ExampleObject(name = "shipping events", value = """
                            {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
                             "type": "EPCISQueryDocument", "schemaVersion": "2.0", "creationDate": "2026-12-03T08:05:00Z",
                             "epcisBody": {"queryResults": {"queryName": "SimpleEventQuery", "resultsBody": {"eventList": [
                              {"type": "ObjectEvent", "action": "OBSERVE", "eventTime": "2026-12-03T08:00:00Z",
                               "eventTimeZoneOffset": "+01:00", "epcList": ["https://id.gs1.org/01/04012345000016/21/SERIAL0001"],
                               "bizStep": "shipping", "disposition": "in_transit", "recordTime": "2026-12-03T08:00:01.120Z"}]}}}}"""))))
    ResponseEntity<JsonNode> query(
            @Parameter(example = "shipping") @RequestParam(name = "EQ_bizStep", required = false) @Nullable String bizStep,
            @Parameter(example = "in_transit") @RequestParam(name = "EQ_disposition", required = false) @Nullable String disposition,
            @RequestParam(name = "EQ_bizLocation", required = false) @Nullable String bizLocation,
            @Parameter(example = "https://id.gs1.org/01/04012345000016/21/SERIAL0001")
            @RequestParam(name = "MATCH_epc", required = false) @Nullable String matchEpc,
            @RequestParam(name = "MATCH_anyEPC", required = false) @Nullable String matchAnyEpc,
            @Parameter(example = "2026-12-01T00:00:00Z") @RequestParam(name = "GE_eventTime", required = false) @Nullable String from,
            @RequestParam(name = "LT_eventTime", required = false) @Nullable String before,
            @RequestParam(name = "perPage", required = false, defaultValue = "30") int perPage,
            @RequestParam(name = "nextPageToken", required = false) @Nullable String pageToken) {
        var problems = new ArrayList<String>();
        Instant fromTime = time("GE_eventTime", from, problems);
        Instant beforeTime = time("LT_eventTime", before, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        var page = events.query(new EventQuery(list(bizStep), list(disposition), list(bizLocation), list(matchEpc),
                list(matchAnyEpc), fromTime, beforeTime, perPage, pageToken));
        ObjectNode doc = json.createObjectNode();
        doc.putArray("@context").add(CONTEXT);
        doc.put("type", "EPCISQueryDocument");
        doc.put("schemaVersion", "2.0");
        doc.put("creationDate", Instant.now(clock).toString());
        var results = doc.putObject("epcisBody").putObject("queryResults");
        results.put("queryName", "SimpleEventQuery");
        results.putObject("resultsBody").putArray("eventList").addAll(page.events());
        var answer = ResponseEntity.ok().contentType(MediaType.parseMediaType(LD_JSON));
        if (page.nextPageToken() != null) {
            String next = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("nextPageToken",
                    page.nextPageToken()).build().toUriString();
            answer.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
            answer.header("GS1-Next-Page-Token", page.nextPageToken());
        }
        return answer.body(doc);
    }

    private static List<String> list(@Nullable String value) {
        return value == null ? List.of() : Arrays.stream(value.split("[|,]")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    private static @Nullable Instant time(String name, @Nullable String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(name + ": not a date and time with offset, such as 2026-12-01T00:00:00Z (got " + value + ")");
            return null;
        }
    }

    @ExceptionHandler(EpcisDocumentInvalidException.class)
    ProblemDetail invalid(EpcisDocumentInvalidException e) {
        var p = Problems.badRequest(e.problems().getFirst());
        p.setTitle("The EPCIS document is not valid");
        p.setDetail(String.join("; ", e.problems()));
        p.setProperty("errors", e.problems());
        return p;
    }
}
