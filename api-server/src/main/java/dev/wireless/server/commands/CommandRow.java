package dev.wireless.server.commands;

import java.time.OffsetDateTime;

/**
 * A Command as stored. {@code command} is what the client sent (or the SIM sent, truncated to 160
 * characters); {@code payload} is what goes over the air (with the SID added for {@code IncludeSid}).
 * {@code id} is internal (keyset paging, job references), never exposed.
 */
public record CommandRow(long id, String sid, String accountSid, String simSid, String command, String payload,
                         String mode, String transport, boolean receiptRequested, String status, String direction,
                         String callbackUrl, String callbackMethod, Integer errorCode, String errorMessage,
                         OffsetDateTime createdAt, OffsetDateTime updatedAt) {

  public static final String QUEUED = "queued";
  public static final String SENT = "sent";
  public static final String DELIVERED = "delivered";
  public static final String RECEIVED = "received";
  public static final String FAILED = "failed";
  public static final String TO_SIM = "to_sim";
  public static final String FROM_SIM = "from_sim";

  /** Whether the Command has reached a status it never leaves. */
  public boolean finished() {
    return !QUEUED.equals(status) && !SENT.equals(status);
  }
}
