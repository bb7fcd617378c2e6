package dev.wireless.server.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wireless.server.errors.ApiException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The size rules and the over-the-air text, without a server; and the Command settings' parsing. */
class CommandPayloadTest {

  @Test
  void limitsHoldAtTheBoundary() {
    CommandPayload.check("a".repeat(160), "text", "none");
    assertEquals(33111, code(() -> CommandPayload.check("a".repeat(161), "text", "none")));
    CommandPayload.check("a".repeat(128), "text", "end");
    assertEquals(33111, code(() -> CommandPayload.check("a".repeat(129), "text", "start")));
    CommandPayload.check(Base64.getEncoder().encodeToString(new byte[140]), "binary", "none");
    assertEquals(33111, code(() -> CommandPayload.check(Base64.getEncoder().encodeToString(new byte[141]), "binary",
        "none")));
    assertEquals(33101, code(() -> CommandPayload.check("%%%", "binary", "none")));
  }

  @Test
  void charactersAreCountedAsCodePoints() {
    CommandPayload.check("\uD83D\uDE00".repeat(160), "text", "none");
    assertEquals("\uD83D\uDE00".repeat(160), CommandPayload.truncated("\uD83D\uDE00".repeat(161)));
  }

  @Test
  void binaryFromTheSimIsCutTo140Bytes() {
    byte[] bytes = new byte[141];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 7);
    }
    String over = Base64.getEncoder().encodeToString(bytes);
    String fits = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(bytes, 140));
    assertEquals(fits, CommandPayload.truncatedBinary(over));
    assertEquals(fits, CommandPayload.truncatedBinary(fits));
    assertEquals("", CommandPayload.truncatedBinary(""));
    assertEquals(null, CommandPayload.truncatedBinary("not base64!"));
  }

  @Test
  void theSidGoesBeforeOrAfterWithOneSpace() {
    assertEquals("DCx hi", CommandPayload.overTheAir("hi", "start", "DCx"));
    assertEquals("hi DCx", CommandPayload.overTheAir("hi", "end", "DCx"));
    assertEquals("hi", CommandPayload.overTheAir("hi", "none", "DCx"));
  }

  @Test
  void settingsAreReadAndBadOnesNameTheVariable() {
    CommandSettings settings = CommandSettings.from(Map.of("WIRELESS_COMMAND_RECEIPT_TIMEOUT", "30s",
        "WIRELESS_COMMAND_RETENTION", "7d", "WIRELESS_CARRIER_SMS_FAILURE_RATE", "0.25"));
    assertEquals(Duration.ofSeconds(30), settings.receiptTimeout());
    assertEquals(Duration.ofDays(7), settings.retention());
    assertEquals(0.25, settings.carrier().failureRate());
    assertEquals(CommandSettings.defaults(), CommandSettings.from(Map.of()));
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> CommandSettings.from(Map.of("WIRELESS_CARRIER_SMS_FAILURE_RATE", "2")));
    assertEquals(true, bad.getMessage().contains("WIRELESS_CARRIER_SMS_FAILURE_RATE"));
    assertThrows(IllegalArgumentException.class, () -> CommandSettings.from(Map.of("WIRELESS_COMMAND_POLL", "often")));
  }

  private static int code(Runnable check) {
    return assertThrows(ApiException.class, check::run).code().code();
  }
}
