package dev.wireless.server.ingestion;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * The descriptive fields of an event as stored in {@code network_events.details}: a JSON object
 * with the fields the event has ({@code iccid}, {@code radio_link}, the operator, {@code cell_id},
 * {@code imei}, {@code cell_location}). Written straight into a string, since a batch writes a
 * thousand of them and a JSON tree per event cost more than the insert.
 */
final class EventDetails {

  private static final JsonStringEncoder QUOTE = JsonStringEncoder.getInstance();

  private EventDetails() {
  }

  static String json(NetworkEvent e) {
    StringBuilder out = new StringBuilder(160).append('{');
    text(out, "iccid", e.iccid());
    text(out, "radio_link", e.radioLink());
    text(out, "operator_mcc", e.operatorMcc());
    text(out, "operator_mnc", e.operatorMnc());
    text(out, "operator_country", e.operatorCountry());
    text(out, "operator_name", e.operatorName());
    text(out, "cell_id", e.cellId());
    text(out, "imei", e.imei());
    if (e.cellLat() != null || e.cellLon() != null) {
      name(out, "cell_location").append("{\"lat\":").append(e.cellLat()).append(",\"lon\":").append(e.cellLon())
          .append('}');
    }
    return out.append('}').toString();
  }

  private static void text(StringBuilder out, String name, String value) {
    if (value != null) {
      name(out, name).append('"');
      QUOTE.quoteAsString(value, out);
      out.append('"');
    }
  }

  private static StringBuilder name(StringBuilder out, String name) {
    if (out.length() > 1) {
      out.append(',');
    }
    return out.append('"').append(name).append("\":");
  }
}
