package org.serialregistry.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Examples for the OpenAPI document, kept in one place ({@code openapi-examples.json}, keyed by
 * "METHOD path"): an operation that takes a body gets its example on the request, any other on its
 * success answer. Controllers that carry their own {@code @ExampleObject} keep it.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiExamples {

    static final String FILE = "openapi-examples.json";

    @Bean
    OpenApiCustomizer examplesFromFile() {
        Map<String, Object> examples = read();
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                Object example = examples.get(method.name() + " " + path);
                if (example != null) {
                    attach(operation, example);
                }
            }));
        };
    }

    private static void attach(Operation operation, Object example) {
        var body = operation.getRequestBody();
        if (body != null && body.getContent() != null && !body.getContent().isEmpty()) {
            body.getContent().values().stream().filter(m -> m.getExample() == null && empty(m))
                    .forEach(m -> m.setExample(example));
            return;
        }
        if (operation.getResponses() == null) {
            return;
        }
        var success = operation.getResponses().entrySet().stream().filter(e -> e.getKey().startsWith("2"))
                .map(Map.Entry::getValue).findFirst();
        success.ifPresent(r -> {
            if (r.getContent() == null || r.getContent().isEmpty()) {
                r.setContent(new Content().addMediaType("application/json", new MediaType()));
            }
            r.getContent().values().stream().filter(m -> m.getExample() == null && empty(m))
                    .forEach(m -> m.setExample(example));
        });
    }

    private static boolean empty(MediaType m) {
        return m.getExamples() == null || m.getExamples().isEmpty();
    }

    /** "METHOD path" to the example, as plain Java values (so that the document renders them as JSON). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read() {
        try (InputStream in = new ClassPathResource(FILE).getInputStream()) {
            JsonNode tree = JsonMapper.builder().build().readTree(in);
            var mapper = JsonMapper.builder().build();
            var out = new LinkedHashMap<String, Object>();
            for (var e : tree.properties()) {
                out.put(e.getKey(), mapper.treeToValue(e.getValue(), Object.class));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
