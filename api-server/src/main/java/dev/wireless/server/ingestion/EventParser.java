package dev.wireless.server.ingestion;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;

/**
 * Turns one JSON event of a batch into a {@link NetworkEvent}, or says precisely what is wrong
 * with it (the batch goes on without it).
 */
final class EventParser {

  /** A field of one event that cannot be accepted. */
  static final class BadEvent extends RuntimeException {
    BadEvent(String message) {
      super(message, null, false, false);
    }
  }

  private static final Set<String> KINDS = Set.of(NetworkEvent.START, NetworkEvent.UPDATE, NetworkEvent.END);
  private static final Set<String> ROAMING = Set.of("home", "national", "international");

  private EventParser() {
  }

  static NetworkEvent parse(Object raw) {
    if (!(raw instanceof JsonObject e)) {
      throw new BadEvent("an event must be a JSON object");
    }
    String kind = required(e, "type");
    if (!KINDS.contains(kind)) {
      throw new BadEvent("type must be one of " + KINDS);
    }
    String eventId = required(e, "event_id");
    if (eventId.length() > 128) {
      throw new BadEvent("event_id must be at most 128 characters");
    }
    String iccid = required(e, "iccid");
    OffsetDateTime time = time(e, "time", true);
    OffsetDateTime start = kind.equals(NetworkEvent.START) && !e.containsKey("session_start") ? time
        : time(e, "session_start", true);
    if (time.isBefore(start)) {
      throw new BadEvent("time is before session_start");
    }
    String roaming = e.getString("roaming", "home").toLowerCase(Locale.ROOT);
    if (!ROAMING.contains(roaming)) {
      throw new BadEvent("roaming must be one of " + ROAMING);
    }
    String country = text(e, "country_code");
    if (roaming.equals("international") && (country == null || !country.matches("[A-Za-z]{2,3}"))) {
      throw new BadEvent("country_code (2 or 3 letters) is required for international roaming");
    }
    JsonObject cell = e.getValue("cell_location") instanceof JsonObject c ? c : new JsonObject();
    String imei = text(e, "imei");
    if (imei != null && !imei.matches("[0-9]{14,16}")) {
      throw new BadEvent("imei must be 14 to 16 digits");
    }
    return new NetworkEvent(eventId, kind, iccid, time, required(e, "session_id"), start, text(e, "radio_link"),
        text(e, "operator_mcc"), text(e, "operator_mnc"), text(e, "operator_country"), text(e, "operator_name"),
        text(e, "cell_id"), number(cell, "lat", -90, 90), number(cell, "lon", -180, 180), imei,
        counter(e, "bytes_uploaded"), counter(e, "bytes_downloaded"), counter(e, "packets_uploaded"),
        counter(e, "packets_downloaded"), roaming,
        roaming.equals("international") ? country.toUpperCase(Locale.ROOT) : "");
  }

  private static String required(JsonObject e, String name) {
    String value = text(e, name);
    if (value == null || value.isBlank()) {
      throw new BadEvent(name + " is required");
    }
    return value;
  }

  private static String text(JsonObject e, String name) {
    Object value = e.getValue(name);
    if (value == null) {
      return null;
    }
    if (value instanceof String || value instanceof Number) {
      return value.toString();
    }
    throw new BadEvent(name + " must be a string");
  }

  private static OffsetDateTime time(JsonObject e, String name, boolean required) {
    String value = required ? required(e, name) : text(e, name);
    try {
      // Postgres keeps microseconds: the event's identity (id, time) must survive the round trip
      return value == null ? null : EventTimes.parse(value).truncatedTo(ChronoUnit.MICROS);
    } catch (DateTimeParseException x) {
      throw new BadEvent(name + " must be an ISO 8601 date-time with offset");
    }
  }

  private static long counter(JsonObject e, String name) {
    Object value = e.getValue(name, 0L);
    if (!(value instanceof Number n) || n.longValue() < 0 || n.doubleValue() != n.longValue()) {
      throw new BadEvent(name + " must be a non-negative integer");
    }
    return n.longValue();
  }

  private static Double number(JsonObject e, String name, double min, double max) {
    Object value = e.getValue(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n) || n.doubleValue() < min || n.doubleValue() > max) {
      throw new BadEvent("cell_location." + name + " must be a number between " + min + " and " + max);
    }
    return n.doubleValue();
  }
}
