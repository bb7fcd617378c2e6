package dev.wireless.server.usage;

import dev.wireless.server.sims.ProvisioningJobRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * {@code ready → active} by use: a ready SIM becomes active once it has used 250 KB of data or
 * had 5 commands. The change goes through the provisioning queue like the
 * 3-month timer, so the carrier applies it and the SIM's status callback fires for {@code active}
 * exactly as it would have at the timer. Runs on the caller's transaction (ingestion or Commands).
 */
public final class ReadyActivation {

  /** 250 KB, counted in decimal units like every data figure here. */
  public static final long ACTIVATION_BYTES = 250_000;
  public static final long ACTIVATION_COMMANDS = 5;

  private ReadyActivation() {
  }

  /**
   * Counts one command of the SIM towards activation (in the transaction that records the
   * command) and starts {@code ready → active} once the SIM has had 5.
   */
  public static Future<Void> commandCounted(SqlClient tx, String simSid, OffsetDateTime at) {
    OffsetDateTime month = at.withOffsetSameInstant(ZoneOffset.UTC).withDayOfMonth(1).toLocalDate().atStartOfDay()
        .atOffset(ZoneOffset.UTC);
    return new EnforcementStateRepository(tx).countCommand(simSid, month).compose(counted -> counted
        .filter(sim -> "ready".equals(sim.status()) && sim.lifetimeCommands() >= ACTIVATION_COMMANDS)
        .map(sim -> start(tx, sim.simId(), sim.accountSid()))
        .orElseGet(Future::succeededFuture));
  }

  /** Starts {@code ready → active} through the provisioning queue (see {@link ProvisioningJobRepository#activateReady}). */
  public static Future<Void> start(SqlClient tx, long simId, String accountSid) {
    return new ProvisioningJobRepository(tx).activateReady(simId, accountSid);
  }
}
