package dev.wireless.callbacks.signing;

/**
 * A secret just created: the only value that carries the secret itself, so the API can show it
 * once and never again.
 */
public record NewWebhookSecret(WebhookSecret metadata, String secret) {

    @Override
    public String toString() {
        return "NewWebhookSecret[" + metadata + ", secret=***]";
    }
}
