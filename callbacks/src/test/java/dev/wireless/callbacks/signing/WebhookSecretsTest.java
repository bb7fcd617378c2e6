package dev.wireless.callbacks.signing;

import static dev.wireless.callbacks.testing.TestDatabase.TEST_BOX;
import static dev.wireless.callbacks.testing.TestDatabase.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.callbacks.testing.DispatcherTestBase;
import dev.wireless.callbacks.testing.SignatureVerifier;
import dev.wireless.callbacks.testing.TestDatabase;
import dev.wireless.callbacks.testing.TestReceiver.Received;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Webhook secrets: created once with the value shown, listed without it, rotated, used to sign. */
class WebhookSecretsTest extends DispatcherTestBase {

    @Test
    void theFirstSecretIsActiveLaterOnesPendingUntilRotatedTo() {
        WebhookSecrets secrets = new WebhookSecrets(pool);
        NewWebhookSecret first = await(secrets.create(account, "primary"));
        NewWebhookSecret second = await(secrets.create(account, "next"));

        assertTrue(first.metadata().id().matches("whs_[0-9a-z]{26}"), first.metadata().id());
        assertEquals(30, first.metadata().id().length());
        assertEquals(64, first.secret().length());
        assertEquals(WebhookSecrets.ACTIVE, first.metadata().status());
        assertEquals(WebhookSecrets.PENDING, second.metadata().status());
        assertFalse(first.toString().contains(first.secret()), "the secret never reaches a log line");
        DatabaseSigningKeys keys = new DatabaseSigningKeys(pool, TEST_BOX);
        assertEquals(Optional.of(first.secret()), await(keys.webhookSecret(account)));

        Optional<WebhookSecret> rotated = await(secrets.rotate(account, second.metadata().id()));

        assertEquals(WebhookSecrets.ACTIVE, rotated.orElseThrow().status());
        assertEquals(Optional.of(second.secret()), await(keys.webhookSecret(account)));
        List<WebhookSecret> listed = await(secrets.list(account, Optional.empty()));
        assertEquals(List.of(WebhookSecrets.PENDING, WebhookSecrets.ACTIVE),
                listed.stream().map(WebhookSecret::status).toList());
        assertEquals(List.of(second.metadata().id()),
                await(secrets.list(account, Optional.of("active"))).stream().map(WebhookSecret::id).toList());
    }

    @Test
    void anotherAccountsSecretCannotBeRotatedOrSeen() {
        WebhookSecrets secrets = new WebhookSecrets(pool);
        NewWebhookSecret mine = await(secrets.create(account, "mine"));
        String other = TestDatabase.newAccount(pool, null);

        assertEquals(Optional.empty(), await(secrets.rotate(other, mine.metadata().id())));
        assertEquals(Optional.empty(), await(secrets.rotate(account, "whs_" + "0".repeat(26))));
        assertEquals(List.of(), await(secrets.list(other, Optional.empty())));
        assertEquals(WebhookSecrets.ACTIVE, await(secrets.list(account, Optional.empty())).get(0).status(),
                "a failed rotation changes nothing");
    }

    @Test
    void modifyRenamesAndSetsPendingWhichLeavesNoSigningKey() {
        WebhookSecrets secrets = new WebhookSecrets(pool);
        NewWebhookSecret only = await(secrets.create(account, "only"));
        String id = only.metadata().id();
        DatabaseSigningKeys keys = new DatabaseSigningKeys(pool, TEST_BOX);

        WebhookSecret renamed = await(secrets.modify(account, id, Optional.of("renamed"), Optional.empty())).orElseThrow();
        assertEquals("renamed", renamed.name());
        assertEquals(WebhookSecrets.ACTIVE, renamed.status(), "a rename keeps the status");

        WebhookSecret pending = await(secrets.modify(account, id, Optional.empty(), Optional.of(WebhookSecrets.PENDING)))
                .orElseThrow();
        assertEquals(WebhookSecrets.PENDING, pending.status());
        assertEquals(Optional.empty(), await(keys.webhookSecret(account)), "no active secret: nothing signs");
        assertEquals(Optional.of(pending), await(secrets.find(account, id)));
        assertEquals(Optional.empty(), await(secrets.modify(account, "whs_" + "0".repeat(26), Optional.of("x"),
                Optional.empty())));
    }

    @Test
    void callbacksCarryAKoreSignatureMadeWithTheActiveSecret() {
        NewWebhookSecret secret = await(new WebhookSecrets(pool).create(account, "receiver"));
        deploy(settings(FAST_SCHEDULE));
        String token = enqueue(FAST_SCHEDULE, receiver.url("/signed?q=1"));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> state(token), equalTo("delivered"));

        Received request = receiver.requests().get(0);
        assertEquals(SignatureVerifier.expectedKore(secret.secret(), "POST", receiver.url(request.uri()), request.body()),
                request.header("kore-signature"));
    }

    @Test
    void anAccountWithoutSigningKeyIsSignedWithAnEmptyKey() {
        account = TestDatabase.newAccount(pool, null);
        deploy(settings(FAST_SCHEDULE));
        String token = enqueue(FAST_SCHEDULE, receiver.url("/unkeyed"));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> state(token), equalTo("delivered"));

        Received request = receiver.requests().get(0);
        assertEquals(SignatureVerifier.expectedTwilio("", receiver.url(request.uri()), request.bodyText()),
                request.header("X-Twilio-Signature"));
    }

    @Test
    void theTwilioSigningKeyIsStoredAndReplaced() {
        String other = TestDatabase.newAccount(pool, null);
        DatabaseSigningKeys keys = new DatabaseSigningKeys(pool, TEST_BOX);
        assertEquals(Optional.empty(), await(keys.twilioSigningKey(other)));

        await(pool.withTransaction(tx -> DatabaseSigningKeys.storeTwilioSigningKey(tx, other, "token-1", TEST_BOX)));
        await(pool.withTransaction(tx -> DatabaseSigningKeys.storeTwilioSigningKey(tx, other, "token-2", TEST_BOX)));

        assertEquals(Optional.of("token-2"), await(keys.twilioSigningKey(other)));
    }
}
