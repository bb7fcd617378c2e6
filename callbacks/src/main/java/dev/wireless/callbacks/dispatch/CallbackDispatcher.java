package dev.wireless.callbacks.dispatch;

import dev.wireless.callbacks.SigningKeys;
import dev.wireless.persistence.ChannelListener;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the callbacks in the outbox: claims due deliveries in batches with a lease, sends them
 * signed, records every attempt, and retries, delivers or fails each one (with a Debugger alert).
 * Successful attempts are recorded in batches ({@link DeliveredBatch}), the others one by one.
 * Any number of dispatchers, in one process or many, can share a database; SKIP LOCKED and the
 * leases keep them from sending the same attempt twice.
 *
 * <p>Deploy with {@code vertx.deployVerticle(new CallbackDispatcher(pool, settings, keys))}. It wakes
 * on NOTIFY, on its poll timer, on a timer for its own short retries, and when capacity frees up.
 * A rescuer turns expired leases (a dispatcher that died mid-send) back into retries.
 *
 * <p>Undeploying stops claiming, hands claimed-but-unsent deliveries straight back to
 * {@code pending}, finishes writing the successful attempts already answered, and abandons
 * requests still on the wire without waiting for them: their outcome is unknown, exactly as after a
 * crash, so they are rescued once their lease expires. One that is answered with success while
 * the pool is still open (an API node keeps it through its shutdown drain) is recorded delivered
 * all the same, so that it is not sent a second time.
 */
public final class CallbackDispatcher extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackDispatcher.class);
    private static final RuntimeException STOPPED = new IllegalStateException("dispatcher stopped");

    private final Pool pool;
    private final DeliveryRepository repository;
    private final DispatcherSettings settings;
    private final SigningKeys keys;
    private final String id;
    private final SplittableRandom random = new SplittableRandom();
    /** Claimed deliveries not yet handed to the HTTP client; stop() returns these. */
    private final Map<Long, DeliveryRow> unsent = new HashMap<>();

    private CallbackSender sender;
    private DeliveredBatch delivered;
    private ChannelListener listener;
    private Future<?> lastClaim = Future.succeededFuture();
    private boolean claiming;
    /** The channel the outbox's trigger notifies (migration V004). */
    static final String NOTIFY_CHANNEL = "callback_deliveries";

    private final AttemptObserver observer;
    private boolean wanted;
    private boolean stopping;
    private int inFlight;
    private long pollTimer;
    private long rescueTimer;

    public CallbackDispatcher(Pool pool, DispatcherSettings settings, SigningKeys keys) {
        this(pool, settings, keys, AttemptObserver.NONE);
    }

    public CallbackDispatcher(Pool pool, DispatcherSettings settings, SigningKeys keys, AttemptObserver observer) {
        this.observer = observer;
        this.pool = pool;
        this.repository = new DeliveryRepository(pool);
        this.settings = settings;
        this.keys = keys;
        this.id = "dispatcher-" + ProcessHandle.current().pid() + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /** The lease owner this dispatcher writes into the rows it claims and the attempts it makes. */
    public String id() {
        return id;
    }

    @Override
    public Future<?> start() {
        sender = new CallbackSender(vertx, settings);
        delivered = new DeliveredBatch(pool, id);
        // a committed delivery wakes the dispatcher within milliseconds instead of at the next poll;
        // an optimisation only: polling goes on, and every (re)connection wakes it once
        listener = new ChannelListener(vertx, pool, NOTIFY_CHANNEL, new ChannelListener.Events() {
            @Override
            public void listening() {
                wake();
            }

            @Override
            public void notified(String payload) {
                wake();
            }
        });
        pollTimer = vertx.setPeriodic(settings.pollInterval().toMillis(), t -> wake());
        rescueTimer = vertx.setPeriodic(settings.rescueInterval().toMillis(), t -> rescue());
        return listener.start().onSuccess(v -> wake());
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        vertx.cancelTimer(pollTimer);
        vertx.cancelTimer(rescueTimer);
        return listener.stop()
                .transform(ar -> lastClaim.transform(claimed -> handBackUnsent()))
                .transform(ar -> delivered.drained())
                .eventually(() -> {
                    sender.close();
                    return Future.succeededFuture();
                });
    }

    /** Claims as much due work as there is room for, unless a claim is already running. */
    private void wake() {
        if (stopping) {
            return;
        }
        wanted = true;
        int room = settings.batchSize() - inFlight;
        if (claiming || room <= 0) {
            return; // the running claim or the next finished attempt calls again
        }
        wanted = false;
        claiming = true;
        Future<List<DeliveryRow>> claim = repository.claim(id, room, settings.leaseDuration());
        lastClaim = claim;
        claim.onComplete(ar -> {
            claiming = false;
            if (ar.failed()) {
                LOG.warn("claiming callbacks failed; retrying at the next poll", ar.cause());
                return;
            }
            List<DeliveryRow> rows = ar.result();
            rows.forEach(row -> unsent.put(row.id(), row));
            if (stopping) {
                return;
            }
            Map<String, Future<AccountKeys>> keysByAccount = new HashMap<>();
            rows.forEach(row -> attempt(row, keysByAccount.computeIfAbsent(row.accountSid(),
                    account -> AccountKeys.lookup(keys, account))));
            if (rows.size() == room || wanted) {
                wake();
            }
        });
    }

    private void attempt(DeliveryRow row, Future<AccountKeys> signing) {
        inFlight++;
        signing
                .compose(k -> {
                    if (unsent.remove(row.id()) == null) {
                        return Future.<Attempt>failedFuture(STOPPED); // stop() handed it back
                    }
                    return sender.send(OutgoingCallback.build(row, k.twilioKey(), k.webhookSecret(),
                            settings.userAgent(), Instant.now()));
                })
                .compose(attempt -> {
                    Verdict verdict = decide(row, attempt);
                    if (stopping && verdict.outcome() != Verdict.Outcome.DELIVERED) {
                        return Future.<Verdict>failedFuture(STOPPED);
                    }
                    Future<Boolean> recorded = verdict.outcome() == Verdict.Outcome.DELIVERED
                            ? delivered.add(row, attempt) : repository.finish(row, id, attempt, verdict);
                    return recorded.map(verdict)
                            .onSuccess(v -> observer.attempted(row.kind(), row.attemptNumber(),
                                    v.outcome().name().toLowerCase(java.util.Locale.ROOT), attempt.durationMs()));
                })
                .onComplete(ar -> {
                    inFlight--;
                    if (ar.succeeded()) {
                        wakeForRetry(ar.result());
                    } else if (ar.cause() != STOPPED) {
                        LOG.warn("callback delivery {} could not be completed; its lease will expire", row.id(),
                                ar.cause());
                        if (unsent.remove(row.id()) != null) {
                            repository.handBack(id, List.of(row));
                        }
                    }
                    if (wanted) {
                        wake();
                    }
                });
    }

    private Verdict decide(DeliveryRow row, Attempt attempt) {
        return Verdict.decide(attempt, row.attemptNumber(), row.maxAttempts(), settings.retrySchedule(), random);
    }

    /** A retry due before the next poll gets its own timer, so millisecond schedules stay millisecond. */
    private void wakeForRetry(Verdict verdict) {
        if (verdict.outcome() == Verdict.Outcome.RETRY
                && verdict.retryDelay().compareTo(settings.pollInterval()) < 0 && !verdict.retryDelay().isZero()) {
            vertx.setTimer(Math.max(1, verdict.retryDelay().toMillis()), t -> wake());
        }
    }

    private void rescue() {
        if (stopping) {
            return;
        }
        repository.rescue(settings.batchSize(), this::decide)
                .onSuccess(count -> {
                    if (count > 0) {
                        LOG.info("rescued {} callback attempts whose lease had expired", count);
                        wake();
                    }
                })
                .onFailure(e -> LOG.warn("rescuing expired callback leases failed", e));
    }

    private Future<Void> handBackUnsent() {
        List<DeliveryRow> back = new ArrayList<>(unsent.values());
        unsent.clear();
        if (back.isEmpty()) {
            return Future.succeededFuture();
        }
        return repository.handBack(id, back)
                .onFailure(e -> LOG.warn("handing back {} unsent callbacks failed; their leases will expire",
                        back.size(), e))
                .<Void>mapEmpty()
                .otherwiseEmpty();
    }
}
