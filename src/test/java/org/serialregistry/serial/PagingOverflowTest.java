package org.serialregistry.serial;

import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A page number so large that page × size overflows is a client error naming the field, not a 500. */
@IntegrationTest
class PagingOverflowTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    SerialIssuance issuance;

    @Test
    void pageTimesSizeBeyondTheLargestOffsetAnswers400() throws Exception {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new TestingAuthenticationToken("p", "n/a", "ROLE_PRODUCTION"));
        SecurityContextHolder.setContext(context);
        String batch;
        try {
            batch = issuance.latestBatches(100).stream().filter(b -> b.status() == BatchStatus.COMPLETED).findFirst()
                    .orElseThrow().id().toString();
        } finally {
            SecurityContextHolder.clearContext();
        }
        for (String query : new String[] {"page=2147483647&size=10000", "page=429497&size=10000", "page=-1&size=10"}) {
            mvc.perform(get("/api/v1/serial-batches/" + batch + "/serials?" + query)
                            .header("Authorization", "Bearer sr_demoprod_ProductionDemoKeyNotForProduction"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.detail", containsString("page: from 0 to")));
        }
        mvc.perform(get("/api/v1/serial-batches/" + batch + "/serials?page=0&size=2")
                        .header("Authorization", "Bearer sr_demoprod_ProductionDemoKeyNotForProduction"))
                .andExpect(status().isOk());
    }
}
