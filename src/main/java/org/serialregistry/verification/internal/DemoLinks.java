package org.serialregistry.verification.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.shared.DigitalLink;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.LotNumber;
import org.serialregistry.shared.SerialNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Demo mode: logs a few Digital Links of the demo data at start-up (genuine, recalled, destroyed,
 * stolen, forged), so that the README's curl examples and a phone can be tried at once.
 */
@Component
@Order(40)
@ConditionalOnProperty(name = "serial-registry.demo.enabled", havingValue = "true")
public class DemoLinks implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoLinks.class);

    private final SerialIssuance issuance;
    private final String configuredBaseUrl;
    private final Environment environment;

    DemoLinks(SerialIssuance issuance, @Value("${serial-registry.public-base-url:http://localhost:8080}") String baseUrl,
              Environment environment) {
        this.issuance = issuance;
        this.configuredBaseUrl = baseUrl;
        this.environment = environment;
    }

    /**
     * The base URL the demo links are printed with: the configured public base URL, except that a
     * local one ({@code localhost}, {@code 127.0.0.1}) gets the port the server really listens on
     * ({@code PORT=9090}, {@code --server.port=0}), so that the printed links open.
     */
    String baseUrl() {
        String port = environment.getProperty("local.server.port");
        if (port == null) {
            return configuredBaseUrl;
        }
        try {
            var uri = URI.create(configuredBaseUrl.strip());
            String host = uri.getHost();
            if (host == null || !(host.equals("localhost") || host.equals("127.0.0.1"))) {
                return configuredBaseUrl;
            }
            return new URI(uri.getScheme(), null, host, Integer.parseInt(port), uri.getPath(), null, null).toString();
        } catch (URISyntaxException | IllegalArgumentException notAUri) {
            return configuredBaseUrl;
        }
    }

    /** Label to Digital Link; empty when the demo batches are not there. */
    public Map<String, String> links() {
        String baseUrl = baseUrl();
        var links = new LinkedHashMap<String, String>();
        var batches = issuance.latestBatches(100);
        var phones = batches.stream().filter(b -> b.lot().equals("A2611")).findFirst();
        var meters = batches.stream().filter(b -> b.lot().equals("G2608")).findFirst();
        if (phones.isEmpty() || meters.isEmpty()) {
            return links;
        }
        var phoneGtin = new Gtin(phones.get().gtin());
        var p = issuance.serials(phones.get().batchId(), 0, 4);
        var m = issuance.serials(meters.get().batchId(), 0, 1);
        if (p.size() < 4 || m.isEmpty()) {
            return links;
        }
        links.put("genuine", DigitalLink.uri(baseUrl, phoneGtin, null, p.get(3)));
        links.put("recalled", DigitalLink.uri(baseUrl, new Gtin(meters.get().gtin()), new LotNumber("G2608"), m.getFirst()));
        links.put("destroyed", DigitalLink.uri(baseUrl, phoneGtin, null, p.get(1)));
        links.put("stolen", DigitalLink.uri(baseUrl, phoneGtin, null, p.get(2)));
        String genuine = p.get(3).value();
        String forged = genuine.substring(0, genuine.length() - 1) + (genuine.endsWith("A") ? "B" : "A");
        links.put("forged", DigitalLink.uri(baseUrl, phoneGtin, null, new SerialNumber(forged)));
        return links;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            var links = links();
            if (!links.isEmpty()) {
                var text = new StringBuilder("Demo Digital Links (open in a browser, or curl -H 'Accept: application/json'):");
                links.forEach((label, uri) -> text.append("\n  ").append(String.format("%-9s", label)).append(' ').append(uri));
                log.info(text.toString());
            }
        } catch (RuntimeException e) {
            log.warn("Could not list demo Digital Links: {}", e.toString());
        }
    }
}
