package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.assertError;
import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.RawHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.korewireless.webhook.ApiClient;
import com.korewireless.webhook.ApiException;
import com.korewireless.webhook.api.SecretsApi;
import com.korewireless.webhook.model.CreateSecretRequest;
import com.korewireless.webhook.model.ModifySecretRequest;
import com.korewireless.webhook.model.PaginatedSecretResponse;
import com.korewireless.webhook.model.SecretCreated;
import com.korewireless.webhook.model.SecretResponse;
import dev.wireless.server.accounts.AccountService.NewCredentials;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * KORE's webhook-secrets API: a client generated at build time from KORE's own spec (unmodified)
 * creates, pages, filters, rotates and renames secrets with an OAuth access token, and the raw
 * wire shows the exact shape and the refusals. The secrets are the ones {@code /v1/WebhookSecrets}
 * serves.
 */
class KoreSecretsTest extends ContractCheck {

  private RawHttp http;
  private NewCredentials account;
  private String auth;

  @BeforeEach
  void setUp() {
    http = new RawHttp(platform.baseUrl());
    account = platform.newAccount();
    String accessToken = json(http.postForm("/api-services/v1/auth/token", null, "grant_type", "client_credentials",
        "client_id", account.accountSid(), "client_secret", account.authToken()), 200).getString("access_token");
    auth = bearer(accessToken);
  }

  @Test
  void koresGeneratedClientCreatesPagesRotatesAndRenames() throws ApiException {
    ApiClient client = new ApiClient();
    client.updateBaseUri(platform.baseUrl());
    SecretsApi api = new SecretsApi(client);

    SecretCreated first = api.createSecret(new CreateSecretRequest().name("first"), auth, "application/json", null);
    SecretCreated second = api.createSecret(new CreateSecretRequest().name("second"), auth, "application/json", null);
    assertEquals(30, first.getId().length(), first.getId());
    assertTrue(first.getId().startsWith("whs_"));
    assertTrue(first.getSecret().matches("[0-9a-f]{64}"), first.getSecret());
    assertEquals(SecretCreated.StatusEnum.ACTIVE, first.getStatus());
    assertEquals(SecretCreated.StatusEnum.PENDING, second.getStatus());
    assertEquals("second", second.getName());

    PaginatedSecretResponse page1 = api.getSecrets(null, 1, 1, auth, null, null);
    assertEquals(List.of(first.getId()), page1.getData().stream().map(SecretResponse::getId).toList());
    assertEquals(2, page1.getMetaData().getCount());
    assertEquals(1, page1.getMetaData().getPageNumber());
    assertEquals(1, page1.getMetaData().getPageSize());
    assertNull(page1.getMetaData().getPreviousPageUrl());
    assertEquals(platform.baseUrl() + "/v1/secrets?page_size=1&page_number=2", page1.getMetaData().getNextPageUrl());
    PaginatedSecretResponse page2 = api.getSecrets(null, 2, 1, auth, null, null);
    assertEquals(List.of(second.getId()), page2.getData().stream().map(SecretResponse::getId).toList());
    assertNull(page2.getMetaData().getNextPageUrl());

    SecretResponse rotated = api.modifySecret(second.getId(), new ModifySecretRequest()
        .status(ModifySecretRequest.StatusEnum.ACTIVE), auth, null, null);
    assertEquals(SecretResponse.StatusEnum.ACTIVE, rotated.getStatus());
    PaginatedSecretResponse active = api.getSecrets("active", null, null, auth, null, null);
    assertEquals(List.of(second.getId()), active.getData().stream().map(SecretResponse::getId).toList());
    assertEquals(10, active.getMetaData().getPageSize());
    PaginatedSecretResponse pending = api.getSecrets("pending", null, null, auth, null, null);
    assertEquals(List.of(first.getId()), pending.getData().stream().map(SecretResponse::getId).toList());

    SecretResponse renamed = api.modifySecret(first.getId(), new ModifySecretRequest().name("retired"), auth, null,
        null);
    assertEquals("retired", renamed.getName());
    assertEquals(SecretResponse.StatusEnum.PENDING, renamed.getStatus());
    assertTrue(!renamed.getLastModified().isBefore(first.getLastModified()));

    // the same secrets through the platform's own resource
    JsonArray own = json(http.get("/v1/WebhookSecrets", auth), 200).getJsonArray("webhook_secrets");
    assertEquals("retired/pending,second/active", own.stream().map(o -> (JsonObject) o)
        .map(s -> s.getString("name") + "/" + s.getString("status")).sorted().reduce((a, b) -> a + "," + b).orElse(""));
  }

  @Test
  void theWireShapeOfEachOperation() {
    JsonObject created = json(http.post("/v1/secrets", auth, "application/json", "{\"Name\":\"wire\"}"), 201);
    assertEquals(List.of("id", "last_modified", "name", "secret", "status"),
        created.fieldNames().stream().sorted().toList());
    String id = created.getString("id");

    JsonObject fetched = json(http.get("/v1/secrets/" + id, auth), 200);
    assertEquals(List.of("id", "last_modified", "name", "status"), fetched.fieldNames().stream().sorted().toList());
    assertEquals("active", fetched.getString("status"));

    JsonObject page = json(http.get("/v1/secrets?page_number=1&page_size=5&status=active", auth), 200);
    assertEquals(List.of("data", "meta_data"), page.fieldNames().stream().sorted().toList());
    assertEquals(new JsonObject().put("count", 1).put("page_size", 5).put("page_number", 1)
        .putNull("previous_page_url").putNull("next_page_url"), page.getJsonObject("meta_data"));
    assertEquals(fetched, page.getJsonArray("data").getJsonObject(0));

    JsonObject beyond = json(http.get("/v1/secrets?page_number=3&page_size=5", auth), 200);
    assertEquals(0, beyond.getJsonArray("data").size());
    assertEquals(platform.baseUrl() + "/v1/secrets?page_size=5&page_number=2",
        beyond.getJsonObject("meta_data").getString("previous_page_url"));

    JsonObject demoted = json(http.exchange("PATCH", "/v1/secrets/" + id, "{\"Status\":\"pending\"}",
        "Authorization", auth, "Content-Type", "application/json"), 200);
    assertEquals("pending", demoted.getString("status"));
    assertEquals(0, json(http.get("/v1/secrets?status=active", auth), 200).getJsonArray("data").size());
  }

  @Test
  void refusalsCarryTheErrorBody() {
    assertError(http.post("/v1/secrets", auth, "application/json", "{}"), 400, 33102);
    assertError(http.post("/v1/secrets", auth, "application/json", "{\"Name\":\"\"}"), 400, 33101);
    assertError(http.post("/v1/secrets", auth, "application/x-www-form-urlencoded", "Name=form"), 415, 20415);
    assertError(http.post("/v1/secrets", null, "application/json", "{\"Name\":\"x\"}"), 401, 20003);
    assertError(http.get("/v1/secrets?page_size=0", auth), 400, 33101);
    assertError(http.get("/v1/secrets?status=revoked", auth), 400, 33101);
    assertError(http.get("/v1/secrets/whs_00000000000000000000000000", auth), 404, 20404);
    assertError(http.exchange("PATCH", "/v1/secrets/whs_00000000000000000000000000", "{\"Status\":\"active\"}",
        "Authorization", auth, "Content-Type", "application/json"), 404, 20404);
    assertError(http.exchange("PATCH", "/v1/secrets/whs_00000000000000000000000000", "{\"Status\":\"retired\"}",
        "Authorization", auth, "Content-Type", "application/json"), 400, 33101);
  }

  @Test
  void anotherAccountsSecretDoesNotExistForYou() {
    String id = json(http.post("/v1/secrets", auth, "application/json", "{\"Name\":\"mine\"}"), 201).getString("id");
    String other = bearer(platform.newAccount().authToken());
    assertError(http.get("/v1/secrets/" + id, other), 404, 20404);
    assertError(http.exchange("PATCH", "/v1/secrets/" + id, "{\"Name\":\"stolen\"}",
        "Authorization", other, "Content-Type", "application/json"), 404, 20404);
    assertEquals(0, json(http.get("/v1/secrets", other), 200).getJsonArray("data").size());
    assertEquals("mine", json(http.get("/v1/secrets/" + id, auth), 200).getString("name"));
  }
}
