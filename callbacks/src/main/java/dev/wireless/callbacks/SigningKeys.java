package dev.wireless.callbacks;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * The per-account keys that sign callbacks, looked up by the dispatcher before each send so a
 * rotation takes effect with the next attempt.
 *
 * <p>Auth Tokens are stored only as hashes, so the key for {@code X-Twilio-Signature} cannot be
 * derived from the accounts table: it is a separate per-account signing key that the api-server
 * writes (equal to the primary Auth Token) when it creates or rotates an account. The default
 * implementation is {@link dev.wireless.callbacks.signing.DatabaseSigningKeys}.
 */
public interface SigningKeys {

    /**
     * The HMAC-SHA1 key for {@code X-Twilio-Signature}; empty when the account has none, in which
     * case the dispatcher signs with an empty key (the header is still sent, but only a receiver
     * that also uses an empty key would accept it).
     */
    Future<Optional<String>> twilioSigningKey(String accountSid);

    /** The active webhook secret for {@code kore-signature}; empty means the header is sent empty. */
    Future<Optional<String>> webhookSecret(String accountSid);
}
