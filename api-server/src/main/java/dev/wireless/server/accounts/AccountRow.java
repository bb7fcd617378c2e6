package dev.wireless.server.accounts;

/** An account as stored: token digests only, never tokens. */
public record AccountRow(String sid, String friendlyName, String parentSid, String status,
                         byte[] primaryTokenHash, byte[] secondaryTokenHash) {

  public boolean isActive() {
    return "active".equals(status);
  }
}
