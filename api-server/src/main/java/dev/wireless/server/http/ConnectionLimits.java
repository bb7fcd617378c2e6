package dev.wireless.server.http;

import java.time.Duration;

/**
 * What one client may hold of a node's listener, so that slow or piled-up connections cannot take
 * it offline for everyone else.
 *
 * @param headerTimeout  a connection must deliver a complete request head within this long after
 *                       it opened or after its previous answer (slow-header clients are closed)
 * @param idleTimeout    a connection with no traffic in either direction for this long is closed
 * @param maxConnections open connections per node; beyond it a new one is closed at once
 * @param maxPerClient   open connections per client address; beyond it a new one is closed at once
 */
public record ConnectionLimits(Duration headerTimeout, Duration idleTimeout, int maxConnections, int maxPerClient) {
}
