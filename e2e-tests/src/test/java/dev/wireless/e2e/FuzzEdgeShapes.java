package dev.wireless.e2e;

import dev.wireless.e2e.FuzzCorpus.FuzzRequest;
import dev.wireless.e2e.FuzzCorpus.Operation;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The request shapes client libraries and browsers send at the HTTP edge, for every operation of
 * the contract: bodies on methods that take none (a form Content-Type with a body, an empty body,
 * a pair with an empty name) and on methods the path does not serve; every parameter carrying
 * percent-encoded reserved characters; every date-time parameter with offsets of each sign, with
 * and without a colon, and none.
 */
final class FuzzEdgeShapes {

  /** Reserved characters, each percent-encoded, alone and mixed into text (wire form). */
  static final List<String> RESERVED = List.of("%2B", "%25", "%26", "%3D", "%2F", "%23", "%20", "%3F", "%2C",
      "a%2Bb", "plus%2Bplan", "a%2Bb%25c%26d%3De%2Ff%23g%20h", "%25zz", "%2525", "%252B", "+", "a+b", "%2B%2B");

  /** Date-times as client libraries write them (wire form): offsets of each sign, with and without a colon, none. */
  static final List<String> DATE_TIMES = List.of("2026-11-30T00:00:00", "2026-11-30T00:00:00Z",
      "2026-11-30T00:00:00z", "2026-11-30T00:00:00%2B00:00", "2026-11-30T00:00:00%2B0000", "2026-11-30T00:00:00-00:00",
      "2026-11-30T00:00:00-0000", "2026-11-30T00:00:00%2B01:00", "2026-11-30T00:00:00%2B0100",
      "2026-11-30T00:00:00-03:30", "2026-11-30T00:00:00-0330", "2026-11-30T00:00:00%2B14:00",
      "2026-11-30T00:00:00-1200", "2026-11-30T00:00:00.123456%2B05:45", "2026-11-30T00%3A00%3A00%2B01%3A00",
      "2026-11-30T00:00:00+01:00", "2026-11-30T00:00:00%2B01", "2026-11-30T00:00:00%2B1:00", "2026-11-30T00:00:00%2B25:00",
      "2026-11-30T00:00:00Z%2B01:00", "2026-11-30T00:00", "2026-11-30");

  private static final List<String> BODIES = List.of("a=b", "", "=x", "&&", "=", "Status=active", "%zz=%zz");
  private static final List<String> BODILESS = List.of("GET", "DELETE", "OPTIONS", "TRACE", "HEAD", "PUT", "PATCH");

  private final Map<String, String> validIds;
  private final List<FuzzRequest> requests = new ArrayList<>();

  FuzzEdgeShapes(Map<String, String> validIds) {
    this.validIds = validIds;
  }

  List<FuzzRequest> build(List<Operation> operations) {
    for (Operation op : operations) {
      String path = op.validPath(validIds);
      if (!op.hasBody()) {
        for (String method : BODILESS) {
          for (String body : BODIES) {
            requests.add(new FuzzRequest(op.id() + " " + method + " with form body '" + body + "'", method, path,
                FuzzCorpus.FORM, body.getBytes(StandardCharsets.UTF_8)));
          }
        }
      }
      for (JsonObject parameter : op.parameters()) {
        String name = parameter.getString("name");
        String in = parameter.getString("in");
        for (String value : RESERVED) {
          add(op, in, name, value);
        }
        JsonObject schema = parameter.getJsonObject("schema", new JsonObject());
        if ("date-time".equals(schema.getString("format"))) {
          for (String value : DATE_TIMES) {
            add(op, in, name, value);
          }
        }
      }
      for (String property : op.bodyProperties()) {
        for (String value : RESERVED) {
          add(op, "body", property, value);
        }
      }
    }
    return requests;
  }

  private void add(Operation op, String in, String name, String wireValue) {
    String label = op.id() + " " + in + ":" + name + "=" + wireValue;
    String path = op.validPath(validIds);
    byte[] emptyBody = op.hasBody() ? new byte[0] : null;
    String contentType = op.hasBody() ? FuzzCorpus.FORM : null;
    switch (in) {
      case "query" -> requests.add(new FuzzRequest(label, op.method(), path + "?" + name + "=" + wireValue,
          contentType, emptyBody));
      case "path" -> requests.add(new FuzzRequest(label, op.method(),
          op.path().replace("{" + name + "}", wireValue).replaceAll("\\{[^}]+}", "x"), contentType, emptyBody));
      case "body" -> requests.add(new FuzzRequest(label, op.method(), path, FuzzCorpus.FORM,
          (name + "=" + wireValue).getBytes(StandardCharsets.UTF_8)));
      default -> { } // header parameters are documented callback headers, not request inputs
    }
  }
}
