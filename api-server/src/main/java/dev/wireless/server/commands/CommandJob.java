package dev.wireless.server.commands;

import java.util.List;

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

  /**
   * The kinds a worker claims together. Sends are claimed apart from the follow-ups (reports and
   * receipt timeouts), so a Command waiting to be sent never waits behind a batch of reports; a
   * report and its Command's receipt timeout are claimed by the same loop, which applies the
   * reports of a batch first, so that a due report wins over the timeout.
   */
  enum Kinds {
    SENDS(List.of(SEND)), FOLLOW_UPS(List.of(REPORT, RECEIPT));

    private final List<String> stages;

    Kinds(List<String> stages) {
      this.stages = stages;
    }

    List<String> stages() {
      return stages;
    }
  }
}
