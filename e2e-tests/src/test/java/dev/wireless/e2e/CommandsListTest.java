package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.assertError;
import static dev.wireless.e2e.RawHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.client.ApiClient;
import dev.wireless.client.api.CommandsApi;
import dev.wireless.client.model.Command;
import dev.wireless.client.model.CommandDirection;
import dev.wireless.client.model.CommandStatus;
import dev.wireless.client.model.CommandTransport;
import dev.wireless.client.model.ListCommandResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ListCommand filters and paging, FetchCommand, DeleteCommand, account isolation and the retention purge. */
class CommandsListTest extends ContractCheck {

  private CommandsFixture fx;
  private String alpha;
  private String beta;

  @BeforeEach
  void setUp() {
    fx = new CommandsFixture(platform);
    alpha = fx.sim("alpha", "active", true);
    beta = fx.sim("beta", "ready", true);
  }

  @Test
  void filtersCombineWithAnd() throws Exception {
    insert(alpha, "to_sim", "delivered", "sms", 3);
    insert(alpha, "to_sim", "failed", "sms", 2);
    insert(alpha, "from_sim", "received", "sms", 4);
    insert(beta, "to_sim", "delivered", "ip", 5);
    CommandsApi api = client();
    assertEquals(9, api.listCommand("alpha", null, null, null, 1000, null, null).getCommands().size());
    assertEquals(9, api.listCommand(alpha, null, null, null, 1000, null, null).getCommands().size());
    assertEquals(2, api.listCommand("alpha", CommandStatus.FAILED, null, null, 1000, null, null).getCommands().size());
    assertEquals(4, api.listCommand(null, null, CommandDirection.FROM_SIM, null, 1000, null, null).getCommands().size());
    assertEquals(5, api.listCommand(null, null, null, CommandTransport.IP, 1000, null, null).getCommands().size());
    assertEquals(3, api.listCommand("alpha", CommandStatus.DELIVERED, CommandDirection.TO_SIM, CommandTransport.SMS,
        1000, null, null).getCommands().size());
    assertEquals(0, api.listCommand("beta", CommandStatus.DELIVERED, null, CommandTransport.SMS, 1000, null, null)
        .getCommands().size());
    assertEquals(0, api.listCommand("nobody", null, null, null, 1000, null, null).getCommands().size());
    ListCommandResponse page = api.listCommand(null, CommandStatus.RECEIVED, null, null, 50, null, null);
    assertEquals("commands", page.getMeta().getKey());
    assertTrue(page.getMeta().getUrl().toString().endsWith("/v1/Commands?Status=received&PageSize=50&Page=0"));
    for (Command c : page.getCommands()) {
      assertEquals(CommandDirection.FROM_SIM, c.getDirection());
      assertEquals(alpha, c.getSimSid());
    }
  }

  @Test
  void pagingVisitsEachOf1050CommandsOnce() {
    insert(alpha, "to_sim", "delivered", "sms", 1050);
    Set<String> seen = new HashSet<>();
    String next = "/v1/Commands?PageSize=100";
    int pages = 0;
    while (next != null) {
      JsonObject page = json(fx.http.get(next, fx.auth), 200);
      page.getJsonArray("commands").forEach(c -> seen.add(((JsonObject) c).getString("sid")));
      next = page.getJsonObject("meta").getString("next_page_url");
      pages++;
    }
    assertEquals(1050, seen.size());
    assertEquals(11, pages);
    JsonObject all = json(fx.http.get("/v1/Commands?PageSize=1000", fx.auth), 200);
    assertEquals(1000, all.getJsonArray("commands").size());
    JsonObject second = json(fx.http.get(all.getJsonObject("meta").getString("next_page_url"), fx.auth), 200);
    assertEquals(50, second.getJsonArray("commands").size());
    assertNull(second.getJsonObject("meta").getString("next_page_url"));
    JsonArray back = json(fx.http.get(second.getJsonObject("meta").getString("previous_page_url"), fx.auth), 200)
        .getJsonArray("commands");
    assertEquals(all.getJsonArray("commands"), back);
  }

  @Test
  void fetchThenDeleteAnswers204AndThen404() {
    String sid = fx.created("Sim", "alpha", "Command", "bye").getString("sid");
    JsonObject fetched = fx.fetch(sid);
    assertEquals(sid, fetched.getString("sid"));
    assertTrue(fetched.getString("url").endsWith("/v1/Commands/" + sid));
    var deleted = fx.http.delete("/v1/Commands/" + sid, fx.auth);
    assertEquals(204, deleted.statusCode());
    assertEquals("", deleted.body());
    assertError(fx.http.get("/v1/Commands/" + sid, fx.auth), 404, 20404);
    assertError(fx.http.delete("/v1/Commands/" + sid, fx.auth), 404, 20404);
  }

  @Test
  void anotherAccountsCommandIsNotFound() {
    String sid = fx.created("Sim", "alpha", "Command", "mine").getString("sid");
    CommandsFixture stranger = new CommandsFixture(platform);
    assertError(stranger.http.get("/v1/Commands/" + sid, stranger.auth), 404, 20404);
    assertError(stranger.http.delete("/v1/Commands/" + sid, stranger.auth), 404, 20404);
    assertEquals(0, json(stranger.http.get("/v1/Commands", stranger.auth), 200).getJsonArray("commands").size());
    assertEquals(0, json(stranger.http.get("/v1/Commands?Sim=" + alpha, stranger.auth), 200)
        .getJsonArray("commands").size());
    assertEquals(sid, fx.fetch(sid).getString("sid"));
  }

  @Test
  void theRetentionPurgeDeletesCommandsOlderThan30Days() {
    insert(alpha, "to_sim", "delivered", "sms", 3);
    String recent = fx.created("Sim", "alpha", "Command", "recent").getString("sid");
    platform.sql("update commands set created_at = now() - interval '31 days' where account_sid = '"
        + fx.account.accountSid() + "' and sid <> '" + recent + "'");
    platform.sql("update commands set created_at = now() - interval '29 days' where sid = '" + recent + "'");
    int purged = TestPlatform.await(platform.server().purgeCommands());
    assertTrue(purged >= 3, "purged " + purged);
    JsonArray left = json(fx.http.get("/v1/Commands", fx.auth), 200).getJsonArray("commands");
    assertEquals(1, left.size());
    assertEquals(recent, left.getJsonObject(0).getString("sid"));
  }

  private CommandsApi client() {
    ApiClient client = new ApiClient();
    URI base = URI.create(platform.baseUrl());
    client.updateBaseUri(base.toString());
    client.setRequestInterceptor(builder -> builder.header("Authorization", fx.auth));
    return new CommandsApi(client);
  }

  /** {@code count} Commands of one kind, stored directly (their delivery is not what this test is about). */
  private void insert(String simSid, String direction, String status, String transport, int count) {
    platform.sql("insert into commands (sid, account_sid, sim_sid, command, payload, status, direction, transport, "
        + "error_code) select 'DC' || md5(random()::text || g), '" + fx.account.accountSid() + "', '" + simSid
        + "', 'c' || g, 'c' || g, '" + status + "', '" + direction + "', '" + transport + "', "
        + ("failed".equals(status) ? "33000" : "null") + " from generate_series(1, " + count + ") g");
  }
}
