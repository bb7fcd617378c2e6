package dev.wireless.server.ingestion;

import dev.wireless.server.errors.ErrorCode;
import io.vertx.core.Future;

/**
 * {@link MessageEvents} for a node without the Commands service: every messaging event is refused
 * (33000), so the feed sees it rejected and can send it again later.
 */
public final class UnavailableMessaging implements MessageEvents {

  private static final Refusal REFUSAL = new Refusal(ErrorCode.GENERIC_WIRELESS_ERROR,
      "messaging is not available on this node");

  @Override
  public Future<Refusal> fromSim(MobileOriginatedSms sms) {
    return Future.succeededFuture(REFUSAL);
  }

  @Override
  public Future<Void> deliveryReceipt(String commandSid, boolean delivered, int errorCode, String message) {
    return Future.failedFuture(REFUSAL.toException());
  }
}
