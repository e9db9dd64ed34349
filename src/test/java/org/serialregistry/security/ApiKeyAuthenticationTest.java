package org.serialregistry.security;

import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.serialregistry.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An ERP or MES system calls the REST API with an API key: the key acts as its role, and anything
 * else (no key, a made-up key, a revoked key) gets a 401 problem document that says what to send.
 */
@IntegrationTest
class ApiKeyAuthenticationTest {

    private static final String PRODUCTION_KEY = "sr_demoprod_ProductionDemoKeyNotForProduction";

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiKeys apiKeys;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theProductionDemoKeyActsAsProduction() throws Exception {
        me("Bearer " + PRODUCTION_KEY)
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.name").value("api-key:demoprod"))
                .andExpect(jsonPath("$.roles.length()").value(1))
                .andExpect(jsonPath("$.roles[0]").value("PRODUCTION"));
    }

    @ParameterizedTest(name = "the README''s demo key for {1} acts as {1}")
    @CsvSource({
            "sr_demoadmn_AdminDemoKeyNotForProduction, ADMIN",
            "sr_demoqual_QualityDemoKeyNotForProduction, QUALITY",
            "sr_demowarr_WarrantyDemoKeyNotForProduction, WARRANTY",
            "sr_demochan_ChannelDemoKeyNotForProduction, CHANNEL",
            "sr_demofors_ForensicsDemoKeyNotForProduction, FORENSICS",
            "sr_demosvce_ServiceDemoKeyNotForProduction, SERVICE_CENTER",
            "sr_demodist_DistributorDemoKeyNotForProduction, DISTRIBUTOR"})
    void everyDemoKeyActsAsItsRole(String key, String role) throws Exception {
        me("Bearer " + key).andExpect(status().isOk()).andExpect(jsonPath("$.roles[0]").value(role));
    }

    @Test
    void aCallWithoutKeyIsToldHowToAuthenticate() throws Exception {
        expectUnauthorizedProblem(mvc.perform(get("/api/v1/me")))
                .andExpect(jsonPath("$.detail").value(containsString("Authorization: Bearer")));
    }

    @ParameterizedTest(name = "Authorization: {0} is refused")
    @ValueSource(strings = {
            "Bearer sr_zzzzzzzz_ThisKeyWasNeverIssuedByTheRegistry",       // well-formed, unknown prefix
            "Bearer sr_demoprod_ButTheSecretPartIsWrongEntirely",          // known prefix, wrong secret
            "Bearer sr_demoprod_ProductionDemoKeyNotForProductionX",       // issued key with a character added
            "Bearer sr_short",                                             // malformed
            "Bearer not-an-api-key-and-no-identity-provider",              // neither API key nor JWT
            "Basic cHJvZHVjdGlvbjpwcm9kdWN0aW9u"})                         // portal password over Basic
    void unknownOrMalformedCredentialsAreRefused(String authorization) throws Exception {
        expectUnauthorizedProblem(me(authorization));
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() throws Exception {
        var issued = asAdmin(() -> apiKeys.create("SAP line 3", Role.CHANNEL, "DIST-0042"));
        me("Bearer " + issued.token())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("api-key:" + issued.key().prefix()))
                .andExpect(jsonPath("$.roles[0]").value("CHANNEL"));

        asAdmin(() -> apiKeys.revoke(issued.key().id()));

        expectUnauthorizedProblem(me("Bearer " + issued.token()));
    }

    @Test
    void anUnknownApiPathIsA404ProblemNotThePortal() throws Exception {
        mvc.perform(get("/api/v1/nope").header("Authorization", "Bearer " + PRODUCTION_KEY))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail").value(containsString("/api/v1/nope")));
    }

    private ResultActions me(String authorization) throws Exception {
        return mvc.perform(get("/api/v1/me").header("Authorization", authorization));
    }

    private static ResultActions expectUnauthorizedProblem(ResultActions result) throws Exception {
        return result.andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", startsWith("Bearer")))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.instance").value("/api/v1/me"));
    }

    /** Key administration needs the ADMIN role; the API calls themselves run with no portal user. */
    private static <T> T asAdmin(Supplier<T> action) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("admin", null,
                AuthorityUtils.createAuthorityList(Role.ADMIN.authority())));
        SecurityContextHolder.setContext(context);
        try {
            return action.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
