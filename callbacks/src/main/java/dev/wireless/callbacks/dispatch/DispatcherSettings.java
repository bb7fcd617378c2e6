package dev.wireless.callbacks.dispatch;

import dev.wireless.callbacks.delivery.AddressPolicy;
import dev.wireless.callbacks.delivery.RetrySchedule;
import dev.wireless.persistence.config.EnvironmentReader;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link CallbackDispatcher} behaves. Production reads it with {@link #fromEnvironment};
 * tests build it directly with millisecond schedules and a loopback allow-list.
 *
 * @param retrySchedule   the delays before each attempt; new deliveries get as many attempts as it has steps
 * @param connectTimeout  to open the TCP (and TLS) connection
 * @param requestTimeout  for a whole attempt: resolve, connect, send, and read the complete answer
 * @param leaseDuration   how long a claimed delivery belongs to its dispatcher; must exceed
 *                        {@code requestTimeout}, or a slow but healthy attempt would be rescued and
 *                        sent twice (a few times the request timeout is a comfortable margin)
 * @param batchSize       deliveries claimed per query, and the most one dispatcher has in flight
 *                        (connections to one receiver are capped lower, see {@code CallbackSender})
 * @param pollInterval    how often due work is looked for when no notification arrives (the
 *                        fallback for LISTEN/NOTIFY, and what picks up delayed retries and
 *                        expired leases)
 * @param addressPolicy   the SSRF guard with its allow-list
 * @param userAgent       sent as {@code User-Agent}
 */
public record DispatcherSettings(RetrySchedule retrySchedule, Duration connectTimeout, Duration requestTimeout,
                                 Duration leaseDuration, int batchSize, Duration pollInterval,
                                 AddressPolicy addressPolicy, String userAgent) {

    public static final String DEFAULT_RETRY_SCHEDULE = "0s,1m,5m,30m,2h,6h,12h";
    public static final String DEFAULT_USER_AGENT = "KoreProxy/1.1";
    /**
     * In flight per dispatcher: its throughput is at most this many per attempt's round trip (claim,
     * send, record), and one slow receiver holds its slots for up to the request timeout, so there
     * must be room for far more than one receiver's worth.
     */
    public static final int DEFAULT_BATCH_SIZE = 200;

    public DispatcherSettings {
        Objects.requireNonNull(retrySchedule, "retrySchedule");
        Objects.requireNonNull(addressPolicy, "addressPolicy");
        Objects.requireNonNull(userAgent, "userAgent");
        positive("connectTimeout", connectTimeout);
        positive("requestTimeout", requestTimeout);
        positive("leaseDuration", leaseDuration);
        positive("pollInterval", pollInterval);
        if (leaseDuration.compareTo(requestTimeout) <= 0) {
            throw new IllegalArgumentException("the callback lease (" + leaseDuration
                    + ") must be longer than the request timeout (" + requestTimeout + ")");
        }
        if (batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("the callback batch size must be between 1 and 1000, was " + batchSize);
        }
    }

    /** Production defaults: about a day of retries, 5 s to connect, 15 s per attempt, no allow-list. */
    public static DispatcherSettings defaults() {
        return new DispatcherSettings(RetrySchedule.parse(DEFAULT_RETRY_SCHEDULE), Duration.ofSeconds(5),
                Duration.ofSeconds(15), Duration.ofSeconds(60), DEFAULT_BATCH_SIZE, Duration.ofSeconds(1),
                AddressPolicy.fromSetting(""), DEFAULT_USER_AGENT);
    }

    /**
     * Reads {@code WIRELESS_CALLBACK_RETRY_SCHEDULE}, {@code WIRELESS_CALLBACK_ALLOWLIST},
     * {@code WIRELESS_CALLBACK_CONNECT_TIMEOUT}, {@code WIRELESS_CALLBACK_TIMEOUT},
     * {@code WIRELESS_CALLBACK_LEASE}, {@code WIRELESS_CALLBACK_BATCH_SIZE},
     * {@code WIRELESS_CALLBACK_POLL_INTERVAL} and {@code WIRELESS_CALLBACK_USER_AGENT}; unset means
     * the default.
     *
     * @throws IllegalArgumentException naming the variable whose value is invalid
     */
    public static DispatcherSettings fromEnvironment(Map<String, String> env) {
        return from(new EnvironmentReader(env));
    }

    /** The settings read through {@code env}; see {@link #fromEnvironment}. */
    public static DispatcherSettings from(EnvironmentReader env) {
        DispatcherSettings d = defaults();
        return new DispatcherSettings(
                env.parsed("WIRELESS_CALLBACK_RETRY_SCHEDULE", RetrySchedule::parse, d.retrySchedule()),
                env.duration("WIRELESS_CALLBACK_CONNECT_TIMEOUT", d.connectTimeout()),
                env.duration("WIRELESS_CALLBACK_TIMEOUT", d.requestTimeout()),
                env.duration("WIRELESS_CALLBACK_LEASE", d.leaseDuration()),
                env.integer("WIRELESS_CALLBACK_BATCH_SIZE", d.batchSize(), 1, 1000),
                env.duration("WIRELESS_CALLBACK_POLL_INTERVAL", d.pollInterval()),
                env.parsed("WIRELESS_CALLBACK_ALLOWLIST", AddressPolicy::fromSetting, d.addressPolicy()),
                env.text("WIRELESS_CALLBACK_USER_AGENT", d.userAgent()));
    }

    public DispatcherSettings withAddressPolicy(AddressPolicy policy) {
        return new DispatcherSettings(retrySchedule, connectTimeout, requestTimeout, leaseDuration, batchSize,
                pollInterval, policy, userAgent);
    }

    public DispatcherSettings withTimeouts(Duration connect, Duration request, Duration lease) {
        return new DispatcherSettings(retrySchedule, connect, request, lease, batchSize, pollInterval, addressPolicy,
                userAgent);
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
        }
    }
}
