package dev.wireless.server.commands;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.RATE_PLANS;
import static dev.wireless.persistence.jooq.Tables.SIMS;

import dev.wireless.server.usage.DataSessionRepository;
import io.vertx.sqlclient.Row;
import java.util.Arrays;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The SIM a Command is for, as far as Commands need it: whether it may exchange messages (status,
 * its rate plan's {@code messaging_enabled} and {@code international_roaming}; null or empty
 * without a plan), where it is on the network (the roaming class and visited country of its latest
 * data session; {@code home} without one, and whether that session is still open) and where its MO
 * Commands go.
 */
record CommandTarget(long id, String sid, String accountSid, String uniqueName, String iccid, String status,
                     Boolean messagingEnabled, String commandsCallbackUrl, String commandsCallbackMethod,
                     List<String> internationalRoaming, String roaming, String countryCode, boolean sessionOpen) {

  private static final Table<?> LATEST = DataSessionRepository.latestOf(SIMS.ID);

  /** {@code ready} or {@code active}: the only statuses in which a SIM sends or receives Commands. */
  boolean reachable() {
    return "ready".equals(status) || "active".equals(status);
  }

  boolean messagingAllowed() {
    return Boolean.TRUE.equals(messagingEnabled);
  }

  /** Roaming in another country on a plan whose {@code international_roaming} lacks {@code messaging}. */
  boolean messagingBlockedAbroad() {
    return "international".equals(roaming) && !internationalRoaming.contains("messaging");
  }

  /** This SIM located where the network says it is ({@code roaming}, {@code countryCode}) instead. */
  CommandTarget at(String roaming, String countryCode) {
    return new CommandTarget(id, sid, accountSid, uniqueName, iccid, status, messagingEnabled, commandsCallbackUrl,
        commandsCallbackMethod, internationalRoaming, roaming, countryCode == null ? "" : countryCode, sessionOpen);
  }

  /** The SIM, its plan and its latest session, locked ({@code FOR UPDATE} of the SIM row) where {@code key} holds. */
  static Query lockWhere(Condition key) {
    return SQL.select(SIMS.ID, SIMS.SID, SIMS.ACCOUNT_SID, SIMS.UNIQUE_NAME, SIMS.ICCID, SIMS.STATUS,
            RATE_PLANS.MESSAGING_ENABLED, SIMS.COMMANDS_CALLBACK_URL, SIMS.COMMANDS_CALLBACK_METHOD,
            RATE_PLANS.INTERNATIONAL_ROAMING, LATEST.field(0), LATEST.field(1), LATEST.field(2))
        .from(SIMS).leftJoin(RATE_PLANS).on(RATE_PLANS.ID.eq(SIMS.RATE_PLAN_ID))
        .leftJoin(LATEST).on(DSL.trueCondition())
        .where(key).forUpdate().of(SIMS);
  }

  /** A row of {@link #lockWhere}. */
  static CommandTarget of(Row r) {
    String[] abroad = r.getArrayOfStrings(9);
    String roaming = r.getString(10);
    return new CommandTarget(r.getLong(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
        r.getString(5), r.getBoolean(6), r.getString(7), r.getString(8),
        abroad == null ? List.of() : Arrays.asList(abroad), roaming == null ? "home" : roaming,
        roaming == null || r.getString(11) == null ? "" : r.getString(11), Boolean.TRUE.equals(r.getBoolean(12)));
  }
}
