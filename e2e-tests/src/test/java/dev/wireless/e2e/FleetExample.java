package dev.wireless.e2e;

import dev.wireless.client.ApiClient;
import dev.wireless.client.ApiException;
import dev.wireless.client.ApiResponse;
import dev.wireless.client.api.RatePlansApi;
import dev.wireless.client.api.SimsApi;
import dev.wireless.client.model.ErrorResponse;
import dev.wireless.client.model.HttpMethod;
import dev.wireless.client.model.ListSimResponse;
import dev.wireless.client.model.RatePlan;
import dev.wireless.client.model.Sim;
import dev.wireless.client.model.SimStatus;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The example of {@code api-client/README.md}: the README prints this class from {@code run} to
 * the end, so it shows code that compiles against the generated client and runs
 * ({@link FleetExampleTest}). Change both together.
 */
public final class FleetExample {

  /** What the example did, for whoever runs it. */
  public record Outcome(List<Sim> newSims, int activationStatus, Sim activating, ErrorResponse error) {
  }

  public static Outcome run(String baseUrl, String authToken, URI statusCallback) throws ApiException, IOException {
    // 1. Authentication: the Auth Token (or an OAuth access token) as a Bearer token on every request.
    ApiClient client = new ApiClient();
    client.updateBaseUri(baseUrl);
    client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + authToken));
    SimsApi sims = new SimsApi(client);
    RatePlansApi ratePlans = new RatePlansApi(client);

    // 2. A paged list: follow meta.next_page_url (its PageToken) until there is no next page.
    List<Sim> newSims = new ArrayList<>();
    String pageToken = null;
    do {
      ListSimResponse page = sims.listSim(SimStatus.NEW, null, null, null, null, 2, null, pageToken);
      newSims.addAll(page.getSims());
      URI next = page.getMeta().getNextPageUrl();
      pageToken = next == null ? null : queryValue(next, "PageToken");
    } while (pageToken != null);

    // 3. A status change answers 202 and completes in the background; CallbackUrl is called when
    //    it has (see the simStatusChanged callback in the contract). The Idempotency-Key makes a
    //    retry of this POST safe.
    RatePlan plan = ratePlans.createRatePlan("plan-fleet-1", "fleet", "Fleet", null, 500, null, null, null, null,
        List.of(), null, null, null, null, null);
    Sim first = newSims.get(0);
    ApiResponse<Sim> accepted = sims.updateSimWithHttpInfo(first.getSid(), "activate-" + first.getSid(), null,
        HttpMethod.POST, statusCallback, null, plan.getSid(), SimStatus.ACTIVE, null, null, null, null, null, null,
        null, null, null, null, null, null);

    // 4. Errors: ApiException carries the HTTP status and the JSON error body
    //    {code, message, more_info, status, detail}.
    ErrorResponse error = null;
    try {
      sims.fetchSim("no-such-sim");
    } catch (ApiException e) {
      error = client.getObjectMapper().readValue(e.getResponseBody(), ErrorResponse.class);
      System.err.println(e.getCode() + " " + error.getCode() + " " + error.getDetail() + ": " + error.getMessage()
          + " (" + error.getMoreInfo() + ")");
    }
    return new Outcome(newSims, accepted.getStatusCode(), accepted.getData(), error);
  }

  private static String queryValue(URI url, String name) {
    for (String pair : url.getRawQuery().split("&")) {
      if (pair.startsWith(name + "=")) {
        return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
