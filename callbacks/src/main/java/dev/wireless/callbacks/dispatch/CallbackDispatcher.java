package dev.wireless.callbacks.dispatch;

import dev.wireless.callbacks.SigningKeys;
import dev.wireless.persistence.ChannelListener;
import dev.wireless.persistence.jobs.ClaimLoop;
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
 * Any number of dispatchers, in one process or many, can share a database; the claim leases each
 * due delivery to one of them, so they never send the same attempt twice.
 *
 * <p>Deploy with {@code vertx.deployVerticle(new CallbackDispatcher(pool, settings, keys))}. It claims
 * in the job engine's {@link ClaimLoop}, as many deliveries as it has room for (each attempt is an
 * HTTP call of its own length, so a claimed batch is started, not awaited): it claims again at once
 * after a claim that found work, on NOTIFY, on a timer for its own short retries, when capacity
 * frees up after a claim that filled it, and otherwise at the poll interval.
 * The same claim takes over expired leases (a dispatcher that died or stalled mid-send): such a
 * delivery is not sent but its lost attempt recorded, and it is retried or failed like after any
 * failed attempt.
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
    private ClaimLoop<DeliveryRow> loop;
    /** The channel the outbox's trigger notifies (migration V004). */
    static final String NOTIFY_CHANNEL = "callback_deliveries";

    private final AttemptObserver observer;
    /** The last claim had no room left or filled it: a finished attempt claims again. */
    private boolean full;
    private boolean stopping;
    private int inFlight;

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
        loop = ClaimLoop.ofBatches(vertx, "callback dispatcher " + id, settings.pollInterval(), this::claim,
                this::attemptAll, this::handBackUnsent);
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
        return listener.start().onSuccess(v -> loop.start());
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        return listener.stop()
                .transform(ar -> loop.stop()) // after the claim in flight: handBackUnsent
                .transform(ar -> delivered.drained())
                .eventually(() -> {
                    sender.close();
                    return Future.succeededFuture();
                });
    }

    /** Wakes the claim loop (a NOTIFY, a due retry); callable from any thread. */
    private void wake() {
        if (!stopping && loop != null) {
            loop.wake();
        }
    }

    /** Claims as much due work as there is room for; none when every slot is in flight. */
    private Future<List<DeliveryRow>> claim() {
        int room = settings.batchSize() - inFlight;
        if (room <= 0) {
            full = true;
            return Future.succeededFuture(List.of());
        }
        return repository.claim(id, room, settings.leaseDuration()).onSuccess(rows -> {
            full = rows.size() == room;
            rows.stream().filter(row -> !row.rescued()).forEach(row -> unsent.put(row.id(), row));
        });
    }

    /**
     * Starts every attempt of a claim; the loop claims again without waiting for their answers, but
     * after the lost attempts of rescued deliveries are recorded (also when stopping: they are not
     * handed back, their attempt already happened).
     */
    private Future<Void> attemptAll(List<DeliveryRow> rows) {
        List<Future<Void>> lost = new ArrayList<>();
        Map<String, Future<AccountKeys>> keysByAccount = new HashMap<>();
        for (DeliveryRow row : rows) {
            if (row.rescued()) {
                lost.add(recordLost(row));
            } else if (!stopping) { // else still unsent: the hand-back returns it
                attempt(row, keysByAccount.computeIfAbsent(row.accountSid(),
                        account -> AccountKeys.lookup(keys, account)));
            }
        }
        if (!lost.isEmpty()) {
            LOG.info("took over {} callback deliveries whose lease had expired", lost.size());
        }
        return Future.join(lost).mapEmpty();
    }

    /** Records the lost attempt of a rescued delivery, which is then retried or failed (with its alert). */
    private Future<Void> recordLost(DeliveryRow row) {
        Attempt lost = DeliveryRepository.lostAttempt(row);
        Verdict verdict = decide(row, lost);
        return repository.finish(row, id, lost, verdict)
                .onSuccess(current -> {
                    if (current) {
                        wakeForRetry(verdict);
                    }
                })
                .onFailure(e -> LOG.warn("recording the lost attempt of callback delivery {} failed; "
                        + "its lease will expire", row.id(), e))
                .<Void>mapEmpty()
                .otherwiseEmpty();
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
                    if (full) {
                        full = false;
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
