package dev.wireless.server.ingestion;

import io.vertx.core.Future;

/**
 * {@link MessageEvents} for a node without the Commands service: every messaging event is refused
 * (33000), so the feed sees it rejected and can send it again later.
 */
public final class UnavailableMessaging implements MessageEvents {

  private static final String REFUSAL = "33000 messaging is not available on this node";

  @Override
  public Future<String> fromSim(MobileOriginatedSms sms) {
    return Future.succeededFuture(REFUSAL);
  }

  @Override
  public Future<Void> deliveryReceipt(String commandSid, boolean delivered, int errorCode, String message) {
    return Future.failedFuture(REFUSAL);
  }
}
