package org.serialregistry.custody;

import org.junit.jupiter.api.Test;
import org.serialregistry.DemoApi;
import org.serialregistry.IntegrationTest;
import org.serialregistry.shared.Gtin;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The channel's system keeps a product's market exceptions (markets its units may reach without a
 * diversion alert), as the parties screen edits them: saved with a reason, listed, removed.
 */
@IntegrationTest
class MarketExceptionApiTest extends DemoApi {

    /** A product of its own, so that no other story's diversion checks see its exception. */
    String newProduct() throws Exception {
        String first13 = "0950600" + String.format("%06d", System.nanoTime() % 1_000_000);
        String gtin = first13 + Gtin.checkDigit(first13);
        mvc.perform(post("/api/v1/products").header("Authorization", PRODUCTION).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"gtin\":\"" + gtin + "\",\"name\":\"Exception phone\",\"category\":\"ELECTRONICS\","
                                + "\"riskClass\":\"HIGH_VALUE\",\"intendedMarkets\":[\"DE\"]}"))
                .andExpect(status().isCreated());
        return gtin;
    }

    @Test
    void aProductsExceptionIsSavedWithItsReasonListedAndRemoved() throws Exception {
        String gtin = newProduct();
        mvc.perform(put("/api/v1/parties/market-exceptions/" + gtin).header("Authorization", CHANNEL)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"markets\":[\"ch\",\"AT\"],\"note\":\"Grey-market pilot with the Swiss partner\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.gtin").value(gtin))
                .andExpect(jsonPath("$.markets[0]").value("AT"))
                .andExpect(jsonPath("$.markets[1]").value("CH"));
        mvc.perform(get("/api/v1/parties/market-exceptions").param("size", "500").header("Authorization", ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.gtin == '" + gtin + "')].markets[0]").value(
                        org.hamcrest.Matchers.hasItem("AT")));
        assertThat(jdbc.queryForObject("select after_state from audit_entry where action = 'party.market-exception' "
                + "and subject_id = ?", String.class, gtin)).contains("Swiss partner");

        mvc.perform(put("/api/v1/parties/market-exceptions/" + gtin).header("Authorization", CHANNEL)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"markets\":[],\"note\":\"pilot ended\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.markets").isEmpty());
        mvc.perform(get("/api/v1/parties/market-exceptions").param("size", "500").header("Authorization", CHANNEL))
                .andExpect(jsonPath("$.items[?(@.gtin == '" + gtin + "')]").isEmpty());
    }

    @Test
    void aWrongGtinOrMarketIsNamedAndOtherWorkspacesAreRefused() throws Exception {
        String gtin = newProduct();
        mvc.perform(put("/api/v1/parties/market-exceptions/123").header("Authorization", CHANNEL)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"markets\":[\"AT\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("gtin"));
        mvc.perform(put("/api/v1/parties/market-exceptions/" + gtin).header("Authorization", CHANNEL)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"markets\":[\"ATX\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("markets"));
        mvc.perform(put("/api/v1/parties/market-exceptions/" + gtin).header("Authorization", PRODUCTION)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"markets\":[\"AT\"]}"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/parties/market-exceptions").header("Authorization", DISTRIBUTOR))
                .andExpect(status().isForbidden());
    }
}
