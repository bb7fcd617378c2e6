package dev.wireless.server.commands;

/**
 * A claimed delivery job: {@code send} hands the Command to the carrier; {@code receipt} fires when
 * the wait for its delivery receipt is over.
 */
record CommandJob(long id, long commandId, String stage, int attempts, int maxAttempts) {

  static final String SEND = "send";
  static final String RECEIPT = "receipt";
}
