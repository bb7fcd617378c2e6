package dev.wireless.server.http;

/**
 * Routing-context keys the router fills in for the handlers around it (the request telemetry's
 * latency timers and access-log line). They live here, with the router that writes them, so that
 * observers depend on the HTTP layer and never the other way round.
 */
public final class RoutingKeys {

  /** The operationId of the matched contract operation. */
  public static final String OPERATION_ID = "wireless.operationId";
  /** The SID of the authenticated account. */
  public static final String ACCOUNT_SID = "wireless.accountSid";

  private RoutingKeys() {
  }
}
