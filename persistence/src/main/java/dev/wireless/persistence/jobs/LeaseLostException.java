package dev.wireless.persistence.jobs;

/**
 * A worker tried to end a job it no longer holds: its lease expired and the job was rescued (and
 * perhaps already ended) by another worker. The change was refused; the worker drops the job.
 */
public final class LeaseLostException extends RuntimeException {

  public LeaseLostException(String table, long jobId) {
    super("lease of " + table + " job " + jobId + " was lost", null, false, false);
  }
}
