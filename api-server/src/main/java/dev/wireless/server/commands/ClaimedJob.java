package dev.wireless.server.commands;

import dev.wireless.server.carrier.CarrierResult.DeliveryReport;
import dev.wireless.server.carrier.NetworkGateway.SmsRequest;

/**
 * A job as the batch claim returns it: the job and, read in the same statement, what sending its
 * Command needs (so a batch costs no query per job before the carrier is called).
 *
 * @param status the Command's status when claimed: only a {@code queued} one is sent
 * @param iccid  null when the SIM was deleted
 * @param report the carrier's delivery report a {@code report} job applies (null for other stages)
 */
record ClaimedJob(CommandJob job, String commandSid, String simSid, String status, String mode, String payload,
                  boolean receiptRequested, String callbackUrl, String iccid, DeliveryReport report) {

  /** Whether the Command is still waiting to be handed to the carrier. */
  boolean toSend() {
    return CommandJob.SEND.equals(job.stage()) && CommandRow.QUEUED.equals(status);
  }

  /** Whether recording {@code sent} finishes the Command, so that its callback goes out with it. */
  boolean sentIsFinal() {
    return !receiptRequested && callbackUrl != null;
  }

  SmsRequest sms() {
    return new SmsRequest(job.id(), commandSid, simSid, iccid, mode, payload, receiptRequested, job.attempts());
  }
}
