package dev.wireless.server.commands;

/**
 * The SIM a Command is for, as far as Commands need it: whether it may exchange messages (status
 * and its rate plan's {@code messaging_enabled}; null without a plan) and where its MO Commands go.
 */
record CommandTarget(long id, String sid, String accountSid, String uniqueName, String iccid, String status,
                     Boolean messagingEnabled, String commandsCallbackUrl, String commandsCallbackMethod) {

  /** {@code ready} or {@code active}: the only statuses in which a SIM sends or receives Commands. */
  boolean reachable() {
    return "ready".equals(status) || "active".equals(status);
  }

  boolean messagingAllowed() {
    return Boolean.TRUE.equals(messagingEnabled);
  }
}
