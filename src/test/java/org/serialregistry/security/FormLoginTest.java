package org.serialregistry.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.serialregistry.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
@AutoConfigureMockMvc
class FormLoginTest {

    @Autowired
    MockMvc mvc;

    @ParameterizedTest(name = "demo user {0} signs in with password = user name")
    @ValueSource(strings = {"admin", "production", "quality", "warranty", "channel", "forensics", "service", "distributor"})
    void everyDemoUserSignsIn(String user) throws Exception {
        mvc.perform(formLogin("/login").user(user).password(user))
                .andExpect(authenticated().withUsername(user))
                .andExpect(redirectedUrl("/"));
    }

    @Test
    void aWrongPasswordIsRefusedAndTheLoginPageSaysSo() throws Exception {
        mvc.perform(formLogin("/login").user("admin").password("not-the-password"))
                .andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?error"));
    }

    @ParameterizedTest(name = "anonymous request to /{0} is sent to the login page")
    @ValueSource(strings = {"admin/users", "admin/audit", "production", "quality", "warranty", "channel"})
    void anonymousUsersAreSentToLogin(String path) throws Exception {
        mvc.perform(get("/" + path))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", org.hamcrest.Matchers.endsWith("/login")));
    }

    @Test
    void probesAndStaticChartScriptNeedNoLogin() throws Exception {
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
        mvc.perform(get("/webjars/echarts/5.3.1/dist/echarts.min.js")).andExpect(status().isOk());
    }
}
