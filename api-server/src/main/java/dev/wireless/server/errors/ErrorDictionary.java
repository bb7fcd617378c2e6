package dev.wireless.server.errors;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every error code the platform answers with, its cause and what to do, in our own words
 * ({@code docs/error-dictionary.json}). Served as JSON and as one page per code, which is where
 * every error body's {@code more_info} points.
 */
public final class ErrorDictionary {

  private final Map<Integer, JsonObject> entries = new LinkedHashMap<>();

  private ErrorDictionary(JsonArray list) {
    list.forEach(entry -> entries.put(((JsonObject) entry).getInteger("code"), (JsonObject) entry));
  }

  public static ErrorDictionary load() {
    try (InputStream in = ErrorDictionary.class.getClassLoader().getResourceAsStream("docs/error-dictionary.json")) {
      if (in == null) {
        throw new IllegalStateException("docs/error-dictionary.json is missing");
      }
      return new ErrorDictionary(new JsonArray(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public JsonArray all() {
    return new JsonArray(entries.values().stream().map(JsonObject::copy).toList());
  }

  public Optional<JsonObject> find(int code) {
    return Optional.ofNullable(entries.get(code));
  }

  /** A small self-contained HTML page for one code. */
  public static String page(JsonObject entry) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Error " + entry.getInteger("code")
        + "</title><style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem;"
        + "line-height:1.5}code{background:#f3f3f3;padding:0 .2rem}</style></head><body>"
        + "<p><a href=\"/docs\">API reference</a> · <a href=\"/docs/errors.json\">all error codes</a></p>"
        + "<h1>" + entry.getInteger("code") + " " + escape(entry.getString("title")) + "</h1>"
        + "<h2>Cause</h2><p>" + escape(entry.getString("cause")) + "</p>"
        + "<h2>What to do</h2><p>" + escape(entry.getString("solution")) + "</p></body></html>";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replaceAll("`([^`]+)`", "<code>$1</code>");
  }
}
