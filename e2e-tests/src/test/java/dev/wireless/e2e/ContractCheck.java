package dev.wireless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** Base of every e2e test: after each test, no response may have broken wireless.yaml. */
abstract class ContractCheck {

  protected final TestPlatform platform = TestPlatform.get();

  @AfterEach
  void everyResponseMatchedTheContract() {
    List<String> violations = List.copyOf(platform.proxy().violations());
    platform.proxy().violations().clear();
    assertEquals(List.of(), violations, "responses that do not match wireless.yaml");
  }
}
