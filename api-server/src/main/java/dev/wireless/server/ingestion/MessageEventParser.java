package dev.wireless.server.ingestion;

import dev.wireless.server.ingestion.EventParser.BadEvent;
import dev.wireless.server.ingestion.MessageEvents.MobileOriginatedSms;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the two messaging kinds of the feed: {@code sms_mo} (an SMS a SIM sent to the short code
 * or, with {@code transport: ip}, a binary message over its data session) and {@code sms_receipt}
 * (the network's delivery receipt for an SMS to a SIM). They are handed to
 * {@link MessageEvents}; a malformed one is rejected like any bad event.
 */
final class MessageEventParser {

  static final String SMS_MO = "sms_mo";
  static final String SMS_RECEIPT = "sms_receipt";
  static final Set<String> KINDS = Set.of(SMS_MO, SMS_RECEIPT);

  /** A delivery receipt for the MT Command {@code commandSid}. */
  record Receipt(String eventId, String commandSid, boolean delivered, int errorCode, String message) {
  }

  private MessageEventParser() {
  }

  static boolean isMessage(Object raw) {
    return raw instanceof JsonObject e && e.getValue("type") instanceof String type && KINDS.contains(type);
  }

  /** A {@link MobileOriginatedSms} or a {@link Receipt}. */
  static Object parse(JsonObject e) {
    String eventId = required(e, "event_id");
    if (SMS_RECEIPT.equals(e.getString("type"))) {
      String commandSid = required(e, "command_sid");
      if (!dev.wireless.server.common.Sids.looksLike("DC", commandSid)) {
        throw new BadEvent("command_sid must be a Command SID (DC + 32 hex digits)");
      }
      if (!(e.getValue("delivered") instanceof Boolean delivered)) {
        throw new BadEvent("delivered must be true or false");
      }
      Object code = e.getValue("error_code", 0);
      if (!(code instanceof Integer errorCode)) {
        throw new BadEvent("error_code must be an integer");
      }
      return new Receipt(eventId, commandSid, delivered, errorCode, e.getValue("error_message") instanceof String m
          ? m : null);
    }
    String iccid = required(e, "iccid");
    OffsetDateTime time;
    try {
      time = OffsetDateTime.parse(required(e, "time"));
    } catch (DateTimeParseException x) {
      throw new BadEvent("time must be an ISO 8601 date-time with offset");
    }
    String mode = e.getValue("mode") instanceof String m ? m.toLowerCase(Locale.ROOT) : "text";
    if (!mode.equals("text") && !mode.equals("binary")) {
      throw new BadEvent("mode must be text or binary");
    }
    if (!(e.getValue("payload") instanceof String payload)) {
      throw new BadEvent("payload is required (a string; base64 for binary)");
    }
    String transport = e.getValue("transport") instanceof String t ? t.toLowerCase(Locale.ROOT) : "sms";
    if (!transport.equals("sms") && !transport.equals("ip")) {
      throw new BadEvent("transport must be sms or ip");
    }
    if (transport.equals("ip") && !mode.equals("binary")) {
      throw new BadEvent("a Command over ip is binary (mode binary, payload base64)");
    }
    // without roaming, where the SIM is comes from its latest data session
    String roaming = e.getValue("roaming") instanceof String r ? r.toLowerCase(Locale.ROOT) : null;
    if (roaming != null && !Set.of("home", "national", "international").contains(roaming)) {
      throw new BadEvent("roaming must be one of home, national, international");
    }
    String country = e.getValue("country_code") instanceof String c ? c.toUpperCase(Locale.ROOT) : "";
    if ("international".equals(roaming) && !country.matches("[A-Z]{2,3}")) {
      throw new BadEvent("country_code (2 or 3 letters) is required for international roaming");
    }
    return new MobileOriginatedSms(eventId, iccid, time, mode, payload, roaming,
        "international".equals(roaming) ? country : "", transport);
  }

  private static String required(JsonObject e, String name) {
    if (!(e.getValue(name) instanceof String value) || value.isBlank()) {
      throw new BadEvent(name + " is required");
    }
    if (value.length() > 128 && !name.equals("payload")) {
      throw new BadEvent(name + " must be at most 128 characters");
    }
    return value;
  }
}
