package dev.wireless.callbacks.testing;

import static dev.wireless.callbacks.testing.TestDatabase.TEST_BOX;
import static dev.wireless.callbacks.testing.TestDatabase.await;
import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.CALLBACK_DELIVERIES;

import dev.wireless.callbacks.CallbackKind;
import dev.wireless.callbacks.CallbackOutbox;
import dev.wireless.callbacks.CallbackRequest;
import dev.wireless.callbacks.SigningKeys;
import dev.wireless.callbacks.alerts.AlertRepository;
import dev.wireless.callbacks.alerts.AttemptRow;
import dev.wireless.callbacks.delivery.AddressPolicy;
import dev.wireless.callbacks.delivery.RetrySchedule;
import dev.wireless.callbacks.dispatch.CallbackDispatcher;
import dev.wireless.callbacks.dispatch.DispatcherSettings;
import dev.wireless.callbacks.signing.DatabaseSigningKeys;
import dev.wireless.persistence.SqlExecutor;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Shared set-up for tests that run dispatchers: a Vert.x per test (from vertx-junit5), a pool on
 * the shared database with the callback tables emptied, a receiver on port 0, and an account.
 */
@ExtendWith(VertxExtension.class)
public abstract class DispatcherTestBase {

    /** Immediate first attempt, then fast millisecond retries: 4 attempts in total. */
    protected static final String FAST_SCHEDULE = "0ms,20ms,20ms,20ms";
    protected static final String SIGNING_KEY = "test-auth-token-0123456789abcdef";

    protected Vertx vertx;
    protected Pool pool;
    protected TestReceiver receiver;
    protected String account;
    private final List<String> deployments = new ArrayList<>();

    @BeforeEach
    void startInfrastructure(Vertx vertx) {
        this.vertx = vertx;
        this.pool = TestDatabase.pool(vertx, 8);
        TestDatabase.reset(pool);
        this.receiver = TestReceiver.start(vertx);
        this.account = TestDatabase.newAccount(pool, SIGNING_KEY);
    }

    @AfterEach
    void stopInfrastructure() {
        for (String id : List.copyOf(deployments)) {
            undeploy(id);
        }
        await(receiver.close());
        await(pool.close());
    }

    protected static DispatcherSettings settings(String schedule) {
        return new DispatcherSettings(RetrySchedule.parse(schedule), Duration.ofMillis(500), Duration.ofMillis(1000),
                Duration.ofMillis(2500), 50, Duration.ofMillis(50), AddressPolicy.fromSetting("127.0.0.0/8"),
                DispatcherSettings.DEFAULT_USER_AGENT);
    }

    protected String deploy(DispatcherSettings settings) {
        return deploy(new CallbackDispatcher(pool, settings, new DatabaseSigningKeys(pool, TEST_BOX)));
    }

    protected String deploy(Pool on, DispatcherSettings settings, SigningKeys keys) {
        return deploy(new CallbackDispatcher(on, settings, keys));
    }

    protected String deploy(CallbackDispatcher dispatcher) {
        String id = await(vertx.deployVerticle(dispatcher));
        deployments.add(id);
        return id;
    }

    protected void undeploy(String deploymentId) {
        if (deployments.remove(deploymentId)) {
            await(vertx.undeploy(deploymentId));
        }
    }

    /** Enqueues a POST (or GET) callback in a committed transaction; returns its token. */
    protected String enqueue(String schedule, String method, String url, CallbackRequest.Parameters form) {
        CallbackRequest request = new CallbackRequest(account, "DE" + "a".repeat(32), CallbackKind.SIM_STATUS, url,
                method, form.toList());
        CallbackOutbox outbox = new CallbackOutbox(RetrySchedule.parse(schedule));
        return await(pool.withTransaction(tx -> outbox.enqueue(tx, request)));
    }

    protected String enqueue(String schedule, String url) {
        return enqueue(schedule, "POST", url, CallbackRequest.form()
                .add("AccountSid", account).add("SimSid", "DE" + "a".repeat(32)).add("Status", "active")
                .add("Note", "a b&c=d é"));
    }

    protected Row delivery(String token) {
        return await(SqlExecutor.execute(pool, SQL.selectFrom(CALLBACK_DELIVERIES)
                .where(CALLBACK_DELIVERIES.IDEMPOTENCY_TOKEN.eq(token)))).iterator().next();
    }

    protected String state(String token) {
        return delivery(token).getString("state");
    }

    protected List<AttemptRow> attempts(String token) {
        return await(new AlertRepository(pool).attempts(account, delivery(token).getLong("id")));
    }
}
