package dev.wireless.server.sims;

import static dev.wireless.persistence.jooq.Tables.RATE_PLANS;
import static dev.wireless.persistence.jooq.Tables.SIMS;

import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Field;

/** What a SIM read selects and how its row becomes a {@link SimRow}. */
final class SimColumns {

  private static final Field<String> RATE_PLAN_SID = RATE_PLANS.SID.as("rate_plan_sid");

  /**
   * The columns every SIM read selects, in this order: the table's columns by name, then the
   * joined rate plan SID. Rows are read by position (a name lookup scans every column name, and a
   * SIM row has 25 of them).
   */
  static final List<Field<?>> ALL;

  static {
    List<Field<?>> columns = new ArrayList<>(List.of(SIMS.fields()));
    columns.add(RATE_PLAN_SID);
    ALL = List.copyOf(columns);
  }

  private static final int ID = ALL.indexOf(SIMS.ID);
  private static final int SID = ALL.indexOf(SIMS.SID);
  private static final int ACCOUNT_SID = ALL.indexOf(SIMS.ACCOUNT_SID);
  private static final int RATE_PLAN_ID = ALL.indexOf(SIMS.RATE_PLAN_ID);
  private static final int RATE_PLAN = ALL.indexOf(RATE_PLAN_SID);
  private static final int UNIQUE_NAME = ALL.indexOf(SIMS.UNIQUE_NAME);
  private static final int FRIENDLY_NAME = ALL.indexOf(SIMS.FRIENDLY_NAME);
  private static final int ICCID = ALL.indexOf(SIMS.ICCID);
  private static final int EID = ALL.indexOf(SIMS.EID);
  private static final int REGISTRATION_CODE = ALL.indexOf(SIMS.REGISTRATION_CODE);
  private static final int STATUS = ALL.indexOf(SIMS.STATUS);
  private static final int RESET_STATUS = ALL.indexOf(SIMS.RESET_STATUS);
  private static final int COMMANDS_CALLBACK_URL = ALL.indexOf(SIMS.COMMANDS_CALLBACK_URL);
  private static final int COMMANDS_CALLBACK_METHOD = ALL.indexOf(SIMS.COMMANDS_CALLBACK_METHOD);
  private static final int SMS_URL = ALL.indexOf(SIMS.SMS_URL);
  private static final int SMS_METHOD = ALL.indexOf(SIMS.SMS_METHOD);
  private static final int SMS_FALLBACK_URL = ALL.indexOf(SIMS.SMS_FALLBACK_URL);
  private static final int SMS_FALLBACK_METHOD = ALL.indexOf(SIMS.SMS_FALLBACK_METHOD);
  private static final int VOICE_URL = ALL.indexOf(SIMS.VOICE_URL);
  private static final int VOICE_METHOD = ALL.indexOf(SIMS.VOICE_METHOD);
  private static final int VOICE_FALLBACK_URL = ALL.indexOf(SIMS.VOICE_FALLBACK_URL);
  private static final int VOICE_FALLBACK_METHOD = ALL.indexOf(SIMS.VOICE_FALLBACK_METHOD);
  private static final int IP_ADDRESS = ALL.indexOf(SIMS.IP_ADDRESS);
  private static final int CREATED_AT = ALL.indexOf(SIMS.CREATED_AT);
  private static final int UPDATED_AT = ALL.indexOf(SIMS.UPDATED_AT);

  private SimColumns() {
  }

  static SimRow toRow(Row row) {
    return new SimRow(
        row.getLong(ID), row.getString(SID), row.getString(ACCOUNT_SID), row.getLong(RATE_PLAN_ID),
        row.getString(RATE_PLAN), row.getString(UNIQUE_NAME), row.getString(FRIENDLY_NAME), row.getString(ICCID),
        row.getString(EID), row.getString(REGISTRATION_CODE), row.getString(STATUS), row.getString(RESET_STATUS),
        row.getString(COMMANDS_CALLBACK_URL), row.getString(COMMANDS_CALLBACK_METHOD), row.getString(SMS_URL),
        row.getString(SMS_METHOD), row.getString(SMS_FALLBACK_URL), row.getString(SMS_FALLBACK_METHOD),
        row.getString(VOICE_URL), row.getString(VOICE_METHOD), row.getString(VOICE_FALLBACK_URL),
        row.getString(VOICE_FALLBACK_METHOD), row.getString(IP_ADDRESS), row.getOffsetDateTime(CREATED_AT),
        row.getOffsetDateTime(UPDATED_AT));
  }
}
