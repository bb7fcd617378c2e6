package dev.wireless.server;

import dev.wireless.server.accounts.AccountService;
import dev.wireless.server.accounts.AuthResource;
import dev.wireless.server.accounts.RequestAuthenticator;
import dev.wireless.server.api.AuthApiBinder;
import dev.wireless.server.api.RatePlansApiBinder;
import dev.wireless.server.api.SimsApiBinder;
import dev.wireless.server.config.ServerConfig;
import dev.wireless.server.http.Authenticator;
import dev.wireless.server.http.OperationBinder;
import dev.wireless.server.rateplans.RatePlanRepository;
import dev.wireless.server.rateplans.RatePlanService;
import dev.wireless.server.rateplans.RatePlansResource;
import dev.wireless.server.sims.DemoFleet;
import dev.wireless.server.sims.SimService;
import dev.wireless.server.sims.SimsResource;
import io.vertx.core.Future;
import dev.wireless.callbacks.delivery.RetrySchedule;
import dev.wireless.callbacks.signing.SecretBox;
import dev.wireless.server.api.AlertsApiBinder;
import dev.wireless.server.api.WebhookSecretsApiBinder;
import dev.wireless.server.debugger.AlertsResource;
import dev.wireless.server.debugger.WebhookSecretsResource;
import io.vertx.sqlclient.Pool;

/**
 * The object graph of one node: repositories on the pool, services on the repositories, resources
 * on the services, bound to the contract's operations. Plain constructors, no container.
 */
final class Services {

  private final AccountService accounts;
  private final RequestAuthenticator authenticator;
  private final RatePlanService ratePlans;
  private final SimService sims;
  private final Pool pool;
  private final RetrySchedule callbackSchedule;

  Services(Pool pool, ServerConfig config, SecretBox secrets) {
    this.pool = pool;
    this.callbackSchedule = config.callbacks().retrySchedule();
    this.accounts = new AccountService(pool, config.accessTokenTtl(), secrets);
    this.authenticator = new RequestAuthenticator(accounts);
    this.ratePlans = new RatePlanService(new RatePlanRepository(pool));
    this.sims = new SimService(pool);
  }

  /** Seeds the demo fleet on a just-created demo account. */
  Future<Void> seedDemoFleet(String accountSid) {
    return DemoFleet.seed(pool, ratePlans, accountSid);
  }

  AccountService accounts() {
    return accounts;
  }

  Authenticator authenticator() {
    return authenticator;
  }

  void bind(OperationBinder binder) {
    AuthApiBinder.bind(binder, new AuthResource(accounts));
    RatePlansApiBinder.bind(binder, new RatePlansResource(ratePlans));
    SimsApiBinder.bind(binder, new SimsResource(sims));
    AlertsApiBinder.bind(binder, new AlertsResource(pool, callbackSchedule));
    WebhookSecretsApiBinder.bind(binder, new WebhookSecretsResource(pool));
  }
}
