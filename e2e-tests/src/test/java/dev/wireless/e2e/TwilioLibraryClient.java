package dev.wireless.e2e;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import java.net.URL;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;

/**
 * The official Twilio helper library, unmodified, pointed at a test server through its own
 * extension point: a {@link NetworkHttpClient} (the library's Apache httpclient5 transport) that
 * sends every request to {@code target} instead of {@code wireless.twilio.com}, keeping path,
 * query, form body, headers and credentials exactly as the library built them. Its TLS trusts the
 * test server's self-signed certificate ({@link TrustingHttps}).
 */
final class TwilioLibraryClient extends NetworkHttpClient {

  private final String target;

  private TwilioLibraryClient(String target) {
    super(HttpClients.custom().setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
        .setTlsSocketStrategy(new DefaultClientTlsStrategy(TrustingHttps.context(), NoopHostnameVerifier.INSTANCE))
        .build()));
    this.target = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
  }

  /** A Twilio REST client for the account, talking to {@code target} (scheme, host and port). */
  static TwilioRestClient forAccount(String target, String accountSid, String authToken) {
    return new TwilioRestClient.Builder(accountSid, authToken).httpClient(new TwilioLibraryClient(target)).build();
  }

  @Override
  public Response makeRequest(Request request) {
    URL original = request.constructURL();
    String rewritten = target + original.getPath() + (original.getQuery() == null ? "" : "?" + original.getQuery());
    Request redirected = new Request(request.getMethod(), rewritten);
    if (request.getAuthStrategy() != null) {
      redirected.setAuth(request.getAuthStrategy());
    } else {
      redirected.setAuth(request.getUsername(), request.getPassword());
    }
    redirected.setContentType(request.getContentType());
    request.getPostParams().forEach((name, values) -> values.forEach(v -> redirected.addPostParam(name, v)));
    request.getHeaderParams().forEach((name, values) -> values.forEach(v -> redirected.addHeaderParam(name, v)));
    if (request.getBody() != null) {
      redirected.setBody(request.getBody());
    }
    return super.makeRequest(redirected);
  }
}
