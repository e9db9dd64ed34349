package org.serialregistry.security;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.audit.AuditQuery;
import org.serialregistry.audit.AuditTrail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;

/** Password guessing on the portal login is slowed per account and per client, and audited. */
@IntegrationTest
class LoginThrottleTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    UserAdministration users;
    @Autowired
    AuditTrail audit;

    static MockHttpServletRequestBuilder login(String user, String password, String address) {
        return post("/login").param("username", user).param("password", password).with(csrf()).with(from(address));
    }

    static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    @Test
    void afterFiveWrongPasswordsEvenTheRightOneWaitsAndTheLockIsAudited() throws Exception {
        users.createIfAbsent("guessed.user", "Guessed User", "Right-Password-1", Set.of(Role.QUALITY));
        for (int i = 0; i < 5; i++) {
            mvc.perform(login("guessed.user", "wrong-" + i, "198.51.100." + i))
                    .andExpect(unauthenticated())
                    .andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(login("guessed.user", "Right-Password-1", "198.51.100.9"))
                .andExpect(unauthenticated())
                .andExpect(redirectedUrlPattern("/login?throttled=*"))
                .andExpect(header().string("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*")));
        assertThat(throttledEntries("guessed.user")).isNotEmpty();
    }

    @Test
    void oneClientTryingManyNamesIsPausedToo() throws Exception {
        for (int i = 0; i < 20; i++) {
            mvc.perform(login("nobody-" + i, "x", "2001:db8:7:7::" + (i + 1)))
                    .andExpect(redirectedUrl("/login?error"));
        }
        // another address in the same IPv6 /64 is the same client
        mvc.perform(login("admin", "admin", "2001:db8:7:7:ffff::1"))
                .andExpect(unauthenticated())
                .andExpect(redirectedUrlPattern("/login?throttled=*"));
        // and another client is not affected
        mvc.perform(login("admin", "admin", "203.0.113.50"))
                .andExpect(authenticated().withUsername("admin"));
    }

    java.util.List<?> throttledEntries(String user) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new TestingAuthenticationToken("auditor", "n/a", "ROLE_ADMIN"));
        SecurityContextHolder.setContext(context);
        try {
            return audit.find(new AuditQuery("login.throttled"), PageRequest.of(0, 50)).stream()
                    .filter(e -> e.subjectId().equals(user)).toList();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
