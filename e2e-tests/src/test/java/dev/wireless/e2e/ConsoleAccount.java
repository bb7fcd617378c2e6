package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.RawHttp.json;

import dev.wireless.server.accounts.AccountService.NewCredentials;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A fresh account for a console test, set up the way the other e2e tests do: rate plans through
 * the API, SIMs through the operator's inventory import, a SIM's starting status written directly
 * (there is no API for a SIM's history).
 */
final class ConsoleAccount {

  final TestPlatform platform;
  final NewCredentials credentials;
  final RawHttp http;
  final String auth;

  ConsoleAccount(TestPlatform platform) {
    this.platform = platform;
    this.credentials = platform.newAccount();
    this.http = new RawHttp(platform.baseUrl());
    this.auth = bearer(credentials.authToken());
  }

  String sid() {
    return credentials.accountSid();
  }

  String token() {
    return credentials.authToken();
  }

  /** A rate plan with messaging on; returns its SID. */
  String ratePlan(String uniqueName) {
    return json(http.postForm("/v1/RatePlans", auth, "UniqueName", uniqueName), 201).getString("sid");
  }

  /** {@code n} SIMs named {@code <prefix>-0…} in status {@code new}, without a plan; their ICCIDs. */
  List<String> sims(String prefix, int n) {
    return platform.importSims(sid(), prefix, n);
  }

  /** Puts the SIMs whose unique name starts with {@code prefix} in {@code status} on the plan. */
  void place(String prefix, String status, String planSid) {
    platform.sql("update sims set status = '" + status + "', rate_plan_id = (select id from rate_plans where sid = '"
        + planSid + "') where account_sid = '" + sid() + "' and unique_name like '" + prefix + "-%'");
  }

  JsonObject sim(String uniqueName) {
    return json(http.get("/v1/Sims/" + uniqueName, auth), 200);
  }

  JsonObject get(String path) {
    return json(http.get(path, auth), 200);
  }
}
