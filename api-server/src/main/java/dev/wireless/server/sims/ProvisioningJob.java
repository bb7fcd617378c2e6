package dev.wireless.server.sims;

/**
 * A claimed provisioning job. {@code kind} is {@code status} (move the SIM towards
 * {@code targetStatus}) or {@code reset} (connectivity reset); {@code origin} is {@code request}
 * (an API call), {@code follow_up} (second stage of new → active) or {@code timer} (a timed
 * transition); {@code restoreStatus} is the SIM's status before the job, restored on failure.
 */
public record ProvisioningJob(long id, long simId, String accountSid, String kind, String origin, String targetStatus,
                              String restoreStatus, String callbackUrl, String callbackMethod, int attempts,
                              int maxAttempts) {

  public static final String STATUS = "status";
  public static final String RESET = "reset";
  public static final String REQUEST = "request";
  public static final String FOLLOW_UP = "follow_up";
  public static final String TIMER = "timer";

  public boolean isReset() {
    return RESET.equals(kind);
  }

  /** A job to enqueue (id and attempts are assigned by the database). */
  public static ProvisioningJob of(long simId, String accountSid, String kind, String origin, String targetStatus,
                                   String restoreStatus, String callbackUrl, String callbackMethod) {
    return new ProvisioningJob(0, simId, accountSid, kind, origin, targetStatus, restoreStatus, callbackUrl,
        callbackMethod == null ? "POST" : callbackMethod, 0, 10);
  }
}
