package dev.wireless.callbacks.dispatch;

import dev.wireless.callbacks.SigningKeys;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * The signing material of one account, looked up once per claimed batch (not per callback) and
 * fresh for every batch, so a rotated key or secret is used from the next claim on.
 *
 * @param twilioKey     the X-Twilio-Signature key; empty string when the account has none
 * @param webhookSecret the active kore-signature secret, or null
 */
record AccountKeys(String twilioKey, String webhookSecret) {

    static Future<AccountKeys> lookup(SigningKeys keys, String accountSid) {
        Future<Optional<String>> twilio = keys.twilioSigningKey(accountSid);
        Future<Optional<String>> secret = keys.webhookSecret(accountSid);
        return Future.all(twilio, secret)
                .map(both -> new AccountKeys(twilio.result().orElse(""), secret.result().orElse(null)));
    }
}
