package dev.wireless.persistence.jobs;

import java.util.List;

/**
 * The states of a job row (the CHECK constraint of every job table). River's names for them:
 * {@code queued} is available (or scheduled, or retryable: due at {@code run_at}), {@code failed}
 * is discarded. See the state diagram in the module README.
 */
public final class JobState {

  public static final String QUEUED = "queued";
  public static final String RUNNING = "running";
  public static final String COMPLETED = "completed";
  public static final String FAILED = "failed";
  public static final String CANCELED = "canceled";

  /** The states a job ends in; a job in one of them is never claimed again. */
  public static final List<String> FINAL = List.of(COMPLETED, FAILED, CANCELED);

  private JobState() {
  }
}
