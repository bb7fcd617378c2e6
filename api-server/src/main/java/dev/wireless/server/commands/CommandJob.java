package dev.wireless.server.commands;

/**
 * A claimed delivery job. Its kind (the {@code stage} column): {@code send} hands the Command to
 * the carrier; {@code receipt} fires when the wait for its delivery receipt is over; {@code report}
 * applies the delivery report the carrier announced when it took the message (retried until
 * applied, never given up).
 */
record CommandJob(long id, long commandId, String stage, int attempts, int maxAttempts) {

  static final String SEND = "send";
  static final String RECEIPT = "receipt";
  static final String REPORT = "report";
}
