package dev.wireless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wireless.client.model.SimStatus;
import dev.wireless.server.accounts.AccountService.NewCredentials;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The generated client's README example runs against the server and does what the README says. */
class FleetExampleTest extends ContractCheck {

  @Test
  void theReadmeExampleListsActivatesWithACallbackAndReadsAnError() throws Exception {
    NewCredentials account = platform.newAccount();
    platform.importSims(account.accountSid(), "example", 5);
    try (CallbackReceiver receiver = new CallbackReceiver()) {
      FleetExample.Outcome outcome = FleetExample.run(platform.baseUrl(), account.authToken(),
          URI.create(receiver.url("/sim-status")));

      assertEquals(5, outcome.newSims().size(), "three pages of at most two");
      assertEquals(202, outcome.activationStatus());
      assertEquals(SimStatus.UPDATING, outcome.activating().getStatus());
      Await.awaitUntil(Duration.ofSeconds(20), () -> receiver.received().stream()
          .anyMatch(r -> "active".equals(r.form().get("Status"))));
      assertEquals(20404, outcome.error().getCode());
      assertEquals(404, outcome.error().getStatus());
      assertEquals("Not found", outcome.error().getDetail());
    }
  }
}
