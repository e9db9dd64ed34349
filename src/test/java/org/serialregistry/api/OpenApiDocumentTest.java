package org.serialregistry.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.serialregistry.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The OpenAPI document an integrator reads (/v3/api-docs): every operation says which roles may call
 * it and shows an example of a call (a request body, a parameter or an answer). A new endpoint without
 * a {@code @PreAuthorize} that names roles, or without any example, fails here.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {

    static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    @Autowired
    MockMvc mvc;

    JsonNode paths;

    @BeforeAll
    void readTheDocument() throws Exception {
        String body = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
        paths = JsonMapper.builder().build().readTree(body).path("paths");
    }

    /** "METHOD path" of every operation, with its node. */
    List<Map.Entry<String, JsonNode>> operations() {
        var ops = new ArrayList<Map.Entry<String, JsonNode>>();
        for (var path : paths.properties()) {
            for (String m : METHODS) {
                if (path.getValue().has(m)) {
                    ops.add(Map.entry(m.toUpperCase() + " " + path.getKey(), path.getValue().get(m)));
                }
            }
        }
        return ops;
    }

    @Test
    void everyOperationStatesItsRoles() {
        assertThat(operations()).as("operations in /v3/api-docs").hasSizeGreaterThan(80);
        var without = new TreeSet<String>();
        for (var op : operations()) {
            var roles = op.getValue().path("x-roles");
            if (!roles.isArray() || roles.isEmpty() || !op.getValue().path("description").asString("").contains("Roles: ")) {
                without.add(op.getKey());
            }
        }
        assertThat(without).as("operations without a roles statement").isEmpty();
    }

    @Test
    void theRolesStatedAreTheOnesTheRuleEnforces() {
        var op = paths.path("/api/v1/repairs").path("post");
        assertThat(op.path("x-roles").values()).extracting(JsonNode::asString)
                .containsExactly("SERVICE_CENTER", "ADMIN");
        assertThat(paths.path("/api/v1/products").path("get").path("x-roles").values()).extracting(JsonNode::asString)
                .containsExactly("ANY_SIGNED_IN");
    }

    @Test
    void everyOperationShowsAnExample() {
        var without = new TreeSet<String>();
        for (var op : operations()) {
            if (!hasExample(op.getValue())) {
                without.add(op.getKey());
            }
        }
        assertThat(without).as("operations without an example (request body, parameter or answer)").isEmpty();
    }

    static boolean hasExample(JsonNode op) {
        for (var p : op.path("parameters")) {
            if (example(p) || example(p.path("schema"))) {
                return true;
            }
        }
        for (var content : op.path("requestBody").path("content")) {
            if (example(content)) {
                return true;
            }
        }
        for (var response : op.path("responses")) {
            for (var content : response.path("content")) {
                if (example(content)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean example(JsonNode node) {
        return node.has("example") || node.path("examples").size() > 0;
    }
}
