package dev.wireless.server.usage;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.SIMS;
import static dev.wireless.persistence.jooq.Tables.SIM_USAGE_STATE;

import dev.wireless.persistence.SqlExecutor;
import dev.wireless.server.sims.ProvisioningJobRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.impl.DSL;

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
    var u = SIM_USAGE_STATE;
    OffsetDateTime month = at.withOffsetSameInstant(ZoneOffset.UTC).withDayOfMonth(1).toLocalDate().atStartOfDay()
        .atOffset(ZoneOffset.UTC);
    return SqlExecutor.execute(tx, SQL.select(SIMS.ID, SIMS.ACCOUNT_SID, SIMS.STATUS).from(SIMS)
            .where(SIMS.SID.eq(simSid)))
        .compose(sims -> {
          if (sims.size() == 0) {
            return Future.succeededFuture();
          }
          Row sim = sims.iterator().next();
          long simId = sim.getLong(0);
          return SqlExecutor.execute(tx, SQL.insertInto(u).set(u.SIM_ID, simId).set(u.MONTH, month)
                  .set(u.LIFETIME_COMMANDS, 1L).onConflict(u.SIM_ID).doUpdate()
                  .set(u.LIFETIME_COMMANDS, u.LIFETIME_COMMANDS.plus(1L))
                  .set(u.UPDATED_AT, DSL.currentOffsetDateTime()).returning(u.LIFETIME_COMMANDS))
              .compose(counted -> "ready".equals(sim.getString(2))
                  && counted.iterator().next().getLong(0) >= ACTIVATION_COMMANDS
                  ? start(tx, simId, sim.getString(1)) : Future.succeededFuture());
        });
  }

  /** Starts {@code ready → active} through the provisioning queue (see {@link ProvisioningJobRepository#activateReady}). */
  public static Future<Void> start(SqlClient tx, long simId, String accountSid) {
    return new ProvisioningJobRepository(tx).activateReady(simId, accountSid);
  }
}
