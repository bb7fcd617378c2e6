package dev.wireless.server.http;

import java.time.Duration;

/**
 * HTTP-layer hardening that operators may tune.
 *
 * @param hstsMaxAge            {@code Strict-Transport-Security} max-age on TLS answers; zero sends none
 * @param authFailuresPerMinute failed authentications one client address may make per minute once its
 *                              burst is spent (then 429); 0 turns the throttle off
 * @param authFailureBurst      failed authentications an address may make in a row before the throttle
 */
public record SecuritySettings(Duration hstsMaxAge, int authFailuresPerMinute, int authFailureBurst) {
}
