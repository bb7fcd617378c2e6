package dev.wireless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.StringJoiner;

/** Plain HTTP calls for the tests that must control headers and bodies byte for byte. */
final class RawHttp {

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;

  RawHttp(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  static String bearer(String token) {
    return "Bearer " + token;
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code name, value, name, value...} as a form body (repeat a name for an array). */
  static String form(String... pairs) {
    StringJoiner body = new StringJoiner("&");
    for (int i = 0; i < pairs.length; i += 2) {
      body.add(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8) + "="
          + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return body.toString();
  }

  HttpResponse<String> get(String pathOrUrl, String authorization) {
    return send(request(pathOrUrl, authorization).GET());
  }

  HttpResponse<String> delete(String path, String authorization) {
    return send(request(path, authorization).DELETE());
  }

  HttpResponse<String> post(String path, String authorization, String contentType, String body) {
    HttpRequest.Builder builder = request(path, authorization).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    return send(builder);
  }

  HttpResponse<String> postForm(String path, String authorization, String... pairs) {
    return post(path, authorization, "application/x-www-form-urlencoded", form(pairs));
  }

  /** Any method with the given headers (name, value, …) and body (null for none). */
  HttpResponse<String> exchange(String method, String path, String body, String... headers) {
    HttpRequest.Builder builder = request(path, null).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return send(builder);
  }

  /** A form POST with one extra header (e.g. {@code Idempotency-Key}). */
  HttpResponse<String> postFormWithHeader(String path, String authorization, String header, String value,
                                          String... pairs) {
    return send(request(path, authorization).header(header, value)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(pairs))));
  }

  /** Asserts an error response: the status, the JSON error body and its code. */
  static JsonObject assertError(HttpResponse<String> response, int status, int code) {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    JsonObject body = new JsonObject(response.body());
    assertEquals(code, body.getInteger("code"), response.body());
    assertEquals(status, body.getInteger("status"));
    assertTrue(body.getString("more_info").endsWith("/" + code), body.encode());
    assertTrue(!body.getString("detail", "").isBlank(), "no detail: " + body.encode());
    return body;
  }

  static JsonObject json(HttpResponse<String> response, int expectedStatus) {
    assertEquals(expectedStatus, response.statusCode(), response.body());
    return new JsonObject(response.body());
  }

  private HttpRequest.Builder request(String pathOrUrl, String authorization) {
    String url = pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl;
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  private static HttpResponse<String> send(HttpRequest.Builder builder) {
    try {
      return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
