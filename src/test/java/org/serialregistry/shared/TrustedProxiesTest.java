package org.serialregistry.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedProxiesTest {

    @Test
    void byDefaultNoPeerIsTrustedAndForwardedForIsIgnored() {
        var none = TrustedProxies.parse("");
        assertThat(none.trusts("127.0.0.1")).isFalse();
        assertThat(none.clientAddress("203.0.113.9", "1.2.3.4")).isEqualTo("203.0.113.9");
    }

    @Test
    void ipv4AndIpv6RangesAreHonouredAndTheRightMostUntrustedHopIsTheClient() {
        var proxies = TrustedProxies.parse("10.0.0.0/8, 2001:db8:cafe::/48 ,192.0.2.7");
        assertThat(proxies.trusts("10.200.3.4")).isTrue();
        assertThat(proxies.trusts("11.0.0.1")).isFalse();
        assertThat(proxies.trusts("2001:db8:cafe:12::1")).isTrue();
        assertThat(proxies.trusts("2001:db8:caff::1")).isFalse();
        assertThat(proxies.trusts("192.0.2.7")).isTrue();
        assertThat(proxies.trusts("192.0.2.8")).isFalse();
        assertThat(proxies.trusts("not-an-address")).isFalse();
        // the client may prepend anything; our proxies append what they saw
        assertThat(proxies.clientAddress("10.1.1.1", "6.6.6.6, 198.51.100.4, 10.9.9.9")).isEqualTo("198.51.100.4");
        assertThat(proxies.clientAddress("10.1.1.1", "garbage")).isEqualTo("10.1.1.1");
        assertThat(proxies.clientAddress("203.0.113.1", "198.51.100.4")).isEqualTo("203.0.113.1");
    }

    @Test
    void aBadEntryIsNamed() {
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/8, proxy.example"))
                .hasMessageContaining("'proxy.example' is not an IP address");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).hasMessageContaining("prefix length");
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        assertThat(TrustedProxies.limitKey("2001:db8:1:2:aaaa::1")).isEqualTo(TrustedProxies.limitKey("2001:db8:1:2:ffff::9"));
        assertThat(TrustedProxies.limitKey("2001:db8:1:2::1")).isNotEqualTo(TrustedProxies.limitKey("2001:db8:1:3::1"));
        assertThat(TrustedProxies.limitKey("198.51.100.4")).isEqualTo("198.51.100.4");
    }
}
