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
import dev.wireless.callbacks.CallbackOutbox;
import dev.wireless.server.api.DataSessionsApiBinder;
import dev.wireless.server.api.UsageRecordsApiBinder;
import dev.wireless.server.ingestion.IngestionService;
import dev.wireless.server.ingestion.MessageEvents;
import dev.wireless.server.usage.DataSessionsResource;
import dev.wireless.server.usage.UsageRecordsResource;
import dev.wireless.server.usage.PriceTable;
import dev.wireless.server.usage.UsageService;
import dev.wireless.server.api.CommandsApiBinder;
import dev.wireless.server.commands.CommandMessageEvents;
import dev.wireless.server.commands.CommandService;
import dev.wireless.server.commands.CommandsResource;

/**
 * The object graph of one node: repositories on the pool, services on the repositories, resources
 * on the services, bound to the contract's operations. Plain constructors, no container.
 */
final class Services {

  private final AccountService accounts;
  private final RequestAuthenticator authenticator;
  private final dev.wireless.server.accounts.CredentialCache credentials;
  private final RatePlanService ratePlans;
  private final SimService sims;
  private final Pool pool;
  private final RetrySchedule callbackSchedule;
  private final PriceTable prices;
  private final UsageService usage;
  private final IngestionService ingestion;
  private final CommandService commands;
  private final CommandMessageEvents commandEvents;

  /** @param commandQueued told after every Command committed on this node (wakes its delivery workers) */
  Services(Pool pool, ServerConfig config, SecretBox secrets, Runnable commandQueued) {
    this.pool = pool;
    this.callbackSchedule = config.callbacks().retrySchedule();
    this.accounts = new AccountService(pool, config.accessTokenTtl(), secrets);
    this.credentials = new dev.wireless.server.accounts.CredentialCache(config.limits().authCacheTtl());
    this.authenticator = new RequestAuthenticator(accounts, credentials);
    this.ratePlans = new RatePlanService(new RatePlanRepository(pool));
    this.sims = new SimService(pool);
    this.prices = config.usage().prices();
    this.usage = new UsageService(pool, java.time.Clock.systemUTC());
    this.commands = new CommandService(pool, prices, commandQueued);
    this.commandEvents = commandEvents(pool, config, prices);
    this.ingestion = ingestion(pool, config, prices, commandEvents);
  }

  /**
   * Network ingestion alone, wired as a node wires it, for a command that applies events without
   * serving ({@code events load}).
   */
  static IngestionService ingestion(Pool pool, ServerConfig config) {
    PriceTable prices = config.usage().prices();
    return ingestion(pool, config, prices, commandEvents(pool, config, prices));
  }

  private static CommandMessageEvents commandEvents(Pool pool, ServerConfig config, PriceTable prices) {
    return new CommandMessageEvents(pool, prices, new CallbackOutbox(config.callbacks().retrySchedule()),
        config.commands().receiptTimeout());
  }

  /** The network's usage, MO messages and delivery receipts (the latter two go to Commands). */
  private static IngestionService ingestion(Pool pool, ServerConfig config, PriceTable prices,
                                            CommandMessageEvents commandEvents) {
    return new IngestionService(pool, prices, new CallbackOutbox(config.callbacks().retrySchedule()), commandEvents,
        java.time.Clock.systemUTC());
  }

  /** Seeds the demo fleet on a just-created demo account. */
  Future<Void> seedDemoFleet(String accountSid) {
    return DemoFleet.seed(pool, ratePlans, accountSid);
  }

  AccountService accounts() {
    return accounts;
  }

  /** Verified Auth Tokens remembered by this node; started and stopped with the server. */
  dev.wireless.server.accounts.CredentialCache credentials() {
    return credentials;
  }

  Authenticator authenticator() {
    return authenticator;
  }

  IngestionService ingestion() {
    return ingestion;
  }

  /** Where MO SMS and delivery receipts from the network go (ingestion, the device simulator). */
  CommandMessageEvents commandEvents() {
    return commandEvents;
  }

  void bind(OperationBinder binder) {
    AuthApiBinder.bind(binder, new AuthResource(accounts));
    RatePlansApiBinder.bind(binder, new RatePlansResource(ratePlans));
    SimsApiBinder.bind(binder, new SimsResource(sims));
    AlertsApiBinder.bind(binder, new AlertsResource(pool, callbackSchedule));
    WebhookSecretsApiBinder.bind(binder, new WebhookSecretsResource(pool));
    dev.wireless.server.api.SecretsApiBinder.bind(binder, new dev.wireless.server.debugger.KoreSecretsResource(pool));
    DataSessionsApiBinder.bind(binder, new DataSessionsResource(usage));
    UsageRecordsApiBinder.bind(binder, new UsageRecordsResource(usage));
    CommandsApiBinder.bind(binder, new CommandsResource(commands));
    dev.wireless.server.api.NetworkEventsApiBinder.bind(binder,
        new dev.wireless.server.ingestion.NetworkEventsResource(ingestion));
    dev.wireless.server.api.SimulatorApiBinder.bind(binder, new dev.wireless.server.commands.SimulatorResource(commandEvents));
  }
}
