package org.serialregistry.recall;

import java.time.Instant;

/**
 * A partner's subscription to recall notices. The secret is shown once, when the subscription is
 * made: each delivery carries {@code X-Signature: sha256=<hex HMAC-SHA256 of the body with it>}.
 */
public record WebhookSubscription(long id, String partyCode, String url, String secret, Instant createdAt) {
}
