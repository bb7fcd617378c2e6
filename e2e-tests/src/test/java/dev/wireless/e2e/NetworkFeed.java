package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.RawHttp.json;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The carrier's side of the e2e tests: builds data-session events and posts them as a batch to
 * {@code POST /network/v1/Events} with the operator token, returning the batch answer.
 */
final class NetworkFeed {

  private final RawHttp http;

  NetworkFeed(TestPlatform platform) {
    this.http = new RawHttp(platform.baseUrl());
  }

  /** Posts the events; asserts 200 and returns the answer (per-event results, directives). */
  JsonObject send(List<JsonObject> events) {
    return json(http.post("/network/v1/Events", bearer(TestPlatform.OPERATOR_TOKEN), "application/json",
        new JsonObject().put("events", new JsonArray(new ArrayList<>(events))).encode()), 200);
  }

  JsonObject send(JsonObject... events) {
    return send(List.of(events));
  }

  /** A data-session event of a home-network session on T-Mobile USA; roaming set with {@link #roaming}. */
  static JsonObject session(String type, String eventId, String iccid, String sessionId, OffsetDateTime start,
                            OffsetDateTime time, long up, long down) {
    return new JsonObject().put("type", type).put("event_id", eventId).put("iccid", iccid)
        .put("session_id", sessionId).put("session_start", start.toString()).put("time", time.toString())
        .put("radio_link", "LTE").put("operator_mcc", "310").put("operator_mnc", "260")
        .put("operator_country", "USA").put("operator_name", "T-Mobile USA").put("cell_id", "310-260-40482-1243")
        .put("cell_location", new JsonObject().put("lat", 47.61).put("lon", -122.33)).put("imei", "356938035643809")
        .put("bytes_uploaded", up).put("bytes_downloaded", down).put("packets_uploaded", up / 1000)
        .put("packets_downloaded", down / 1000).put("roaming", "home");
  }

  /** The same event seen on a roaming network ({@code national}, or {@code international} in {@code country}). */
  static JsonObject roaming(JsonObject event, String roaming, String country) {
    JsonObject e = event.copy().put("roaming", roaming);
    if (roaming.equals("international")) {
      e.put("country_code", country).put("operator_mcc", "262").put("operator_mnc", "02")
          .put("operator_country", "DEU").put("operator_name", "Vodafone DE").put("cell_id", "262-02-1201-77");
    } else {
      e.put("operator_mnc", "410").put("operator_name", "AT&T");
    }
    return e;
  }
}
