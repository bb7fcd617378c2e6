package dev.wireless.e2e;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hostile requests derived from the served contract: for every operation, every parameter gets
 * every value of {@link #BAD_VALUES} (wrong types, out-of-range numbers, huge and binary strings,
 * bad dates and page tokens), every path segment gets SID- and traversal-shaped values, every body
 * gets the wrong content types and invalid UTF-8, and a seeded random mix combines them with
 * repeated and unknown keys; {@link FuzzEdgeShapes} adds the shapes real clients send at the HTTP
 * edge. Values are kept in wire form (already percent-encoded where needed).
 */
final class FuzzCorpus {

  /** One request as sent on the wire; {@code body} null for GET and DELETE. */
  record FuzzRequest(String label, String method, String pathAndQuery, String contentType, byte[] body) {
  }

  static final String FORM = "application/x-www-form-urlencoded";
  static final String JSON = "application/json";

  private static final List<String> BAD_VALUES = List.of(
      "", "%20", enc("x".repeat(70_000)), enc("ü漢字🙂"), "%00", "%C3%28", "%FF%FE", enc("' OR 1=1 --"),
      enc("<script>alert(1)</script>"), "null", enc("[]"), enc("{}"), enc("../../etc/passwd"),
      "DE" + "0".repeat(32), "DEZZ" + "0".repeat(30), "-1", "0", "2147483648", "99999999999999999999999",
      "1e309", "NaN", "1.5", "true", enc("2020-13-45T25:61:61Z"), "yesterday", enc("2015-07-30T20:00:00+25:00"),
      "PTnotbase64!!", "PT" + b64("{\"id\":-1}"), "PT" + b64("x".repeat(300)), enc("http://10.0.0.1/cb"),
      enc("ftp://example.com/"), enc("javascript:alert(1)"), "GET", "PATCH", enc("a\r\nX-Injected: 1"));

  private static final List<String> BAD_PATH_SEGMENTS = List.of(
      "DE" + "0".repeat(32), "WP" + "0".repeat(32), "DC" + "f".repeat(32), "DE" + "0".repeat(31), "..", "%2e%2e",
      "..%2F..%2Fetc%2Fpasswd", "%2F", "%00", "%C3%28", "%20", "x".repeat(5000), enc("ü漢字"), "-1",
      "AC" + "0".repeat(32), enc("' OR 1=1 --"), "null", "%25", "a.json", "a.xml");

  private final JsonObject spec;
  private final Map<String, String> validIds;
  private final Random random;
  private final List<FuzzRequest> requests = new ArrayList<>();

  /**
   * @param spec     the served contract (JSON)
   * @param validIds path template → a SID that exists in the fuzzing account (e.g. "/v1/Sims/{Sid}")
   */
  FuzzCorpus(JsonObject spec, Map<String, String> validIds, long seed) {
    this.spec = spec;
    this.validIds = validIds;
    this.random = new Random(seed);
  }

  List<FuzzRequest> build(int randomMixes) {
    List<Operation> operations = operations();
    for (Operation op : operations) {
      for (JsonObject parameter : op.parameters) {
        for (String bad : BAD_VALUES) {
          add(op, parameter.getString("in"), parameter.getString("name"), bad);
        }
      }
      for (String property : op.bodyProperties) {
        for (String bad : BAD_VALUES) {
          add(op, "body", property, bad);
        }
      }
      if (op.path.contains("{")) {
        for (String segment : BAD_PATH_SEGMENTS) {
          requests.add(new FuzzRequest(op.id + " path=" + abbreviate(segment), op.method,
              op.path.replaceAll("\\{[^}]+}", segment), op.contentType(), op.emptyBody()));
        }
      }
      if (op.hasBody) {
        bodyMutations(op);
      }
    }
    requests.addAll(new FuzzEdgeShapes(validIds).build(operations));
    for (int i = 0; i < randomMixes; i++) {
      requests.add(randomMix(operations.get(random.nextInt(operations.size()))));
    }
    return requests;
  }

  private void bodyMutations(Operation op) {
    String path = op.validPath(validIds);
    String name = op.bodyProperties.isEmpty() ? "FriendlyName" : op.bodyProperties.get(0);
    byte[] form = (name + "=ok").getBytes(StandardCharsets.UTF_8);
    requests.add(new FuzzRequest(op.id + " no content type", "POST", path, null, form));
    requests.add(new FuzzRequest(op.id + " json", "POST", path, "application/json",
        new JsonObject().put(name, "ok").encode().getBytes(StandardCharsets.UTF_8)));
    requests.add(new FuzzRequest(op.id + " text/plain", "POST", path, "text/plain", form));
    requests.add(new FuzzRequest(op.id + " xml", "POST", path, "application/xml", "<a/>".getBytes(StandardCharsets.UTF_8)));
    requests.add(new FuzzRequest(op.id + " multipart", "POST", path, "multipart/form-data; boundary=zz",
        "--zz\r\ngarbage".getBytes(StandardCharsets.UTF_8)));
    requests.add(new FuzzRequest(op.id + " latin1 charset", "POST", path, FORM + "; charset=latin1", form));
    requests.add(new FuzzRequest(op.id + " invalid utf-8", "POST", path, FORM,
        concat((name + "=").getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF})));
    requests.add(new FuzzRequest(op.id + " bad escapes", "POST", path, FORM, (name + "=%zz%&%").getBytes(StandardCharsets.UTF_8)));
    requests.add(new FuzzRequest(op.id + " separators only", "POST", path, FORM, "&&==&=".getBytes(StandardCharsets.UTF_8)));
    requests.add(new FuzzRequest(op.id + " 10k unknown keys", "POST", path, FORM, manyKeys(10_000)));
    requests.add(new FuzzRequest(op.id + " binary", "POST", path, FORM, randomBytes(4096)));
  }

  private FuzzRequest randomMix(Operation op) {
    List<String> pairs = new ArrayList<>();
    List<String> names = new ArrayList<>(op.hasBody ? op.bodyProperties : op.queryNames());
    names.add("Unknown" + random.nextInt(100));
    int count = 1 + random.nextInt(5);
    for (int i = 0; i < count; i++) {
      String name = names.get(random.nextInt(names.size()));
      int repeats = random.nextInt(4) == 0 ? 2 + random.nextInt(3) : 1;
      for (int r = 0; r < repeats; r++) {
        pairs.add(name + "=" + BAD_VALUES.get(random.nextInt(BAD_VALUES.size())));
      }
    }
    String encoded = String.join("&", pairs);
    String path = op.validPath(validIds);
    if (random.nextInt(5) == 0 && op.path.contains("{")) {
      path = op.path.replaceAll("\\{[^}]+}", BAD_PATH_SEGMENTS.get(random.nextInt(BAD_PATH_SEGMENTS.size())));
    }
    if (op.hasBody) {
      String type = random.nextInt(8) == 0 ? "text/plain" : FORM;
      return new FuzzRequest(op.id + " mix " + abbreviate(encoded), "POST", path, type,
          encoded.getBytes(StandardCharsets.UTF_8));
    }
    return new FuzzRequest(op.id + " mix " + abbreviate(encoded), op.method, path + "?" + encoded, null, null);
  }

  private void add(Operation op, String in, String name, String wireValue) {
    String label = op.id + " " + in + ":" + name + "=" + abbreviate(wireValue);
    String path = op.validPath(validIds);
    switch (in) {
      case "query" -> requests.add(new FuzzRequest(label, op.method, path + "?" + name + "=" + wireValue,
          op.contentType(), op.emptyBody()));
      case "body" -> requests.add(op.json
          ? new FuzzRequest(label, op.method, path, JSON,
              new JsonObject().put(name, wireValue).encode().getBytes(StandardCharsets.UTF_8))
          : new FuzzRequest(label, op.method, path, FORM, (name + "=" + wireValue).getBytes(StandardCharsets.UTF_8)));
      case "path" -> requests.add(new FuzzRequest(label, op.method,
          op.path.replace("{" + name + "}", wireValue).replaceAll("\\{[^}]+}", "x"), op.contentType(), op.emptyBody()));
      default -> { } // header parameters are documented callback headers, not request inputs
    }
  }

  List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    JsonObject paths = spec.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      List<JsonObject> shared = resolveAll(item.getJsonArray("parameters"));
      for (String method : List.of("get", "post", "delete")) {
        JsonObject operation = item.getJsonObject(method);
        if (operation == null) {
          continue;
        }
        List<JsonObject> parameters = new ArrayList<>(shared);
        parameters.addAll(resolveAll(operation.getJsonArray("parameters")));
        List<String> bodyProperties = new ArrayList<>();
        JsonObject body = operation.getJsonObject("requestBody");
        if (body != null) {
          JsonObject content = body.getJsonObject("content");
          JsonObject media = content.getJsonObject(FORM, content.getJsonObject(JSON));
          JsonObject schema = resolve(media.getJsonObject("schema"));
          bodyProperties.addAll(schema.getJsonObject("properties", new JsonObject()).fieldNames());
        }
        operations.add(new Operation(operation.getString("operationId"), method.toUpperCase(), path, parameters,
            bodyProperties, body != null, body != null && !body.getJsonObject("content").containsKey(FORM)));
      }
    }
    return operations;
  }

  private List<JsonObject> resolveAll(JsonArray array) {
    List<JsonObject> resolved = new ArrayList<>();
    if (array != null) {
      array.forEach(p -> resolved.add(resolve((JsonObject) p)));
    }
    return resolved;
  }

  private JsonObject resolve(JsonObject node) {
    String ref = node.getString("$ref");
    if (ref == null) {
      return node;
    }
    JsonObject target = spec;
    for (String part : ref.substring(2).split("/")) {
      target = target.getJsonObject(part);
    }
    return resolve(target);
  }

  /**
   * One operation of the contract: its parameters resolved, the names of its body's fields.
   *
   * @param json the body is JSON (KORE's secrets API) rather than a form
   */
  record Operation(String id, String method, String path, List<JsonObject> parameters,
                   List<String> bodyProperties, boolean hasBody, boolean json) {

    String validPath(Map<String, String> ids) {
      String sid = ids.getOrDefault(path, "x");
      return path.replaceAll("\\{[^}]+}", sid);
    }

    List<String> queryNames() {
      return parameters.stream().filter(p -> "query".equals(p.getString("in"))).map(p -> p.getString("name")).toList();
    }

    String contentType() {
      return hasBody ? (json ? JSON : FORM) : null;
    }

    byte[] emptyBody() {
      return hasBody ? new byte[0] : null;
    }
  }

  private byte[] manyKeys(int count) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < count; i++) {
      body.append(i == 0 ? "" : "&").append('K').append(i).append("=v");
    }
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = new byte[a.length + b.length];
    System.arraycopy(a, 0, joined, 0, a.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String b64(String value) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  private static String abbreviate(String value) {
    return value.length() > 60 ? value.substring(0, 60) + "…(" + value.length() + ")" : value;
  }
}
