package dev.wireless.server.http;

import dev.wireless.callbacks.delivery.AddressPolicy;

/**
 * The HTTP layer's protections, built once per node from its settings: the security headers of
 * every answer, the throttle of failed authentications per client address, and the callback
 * address policy (the dispatcher's, with its allow-list) applied to URLs where clients give them.
 */
public record HttpSecurity(SecurityHeaders headers, AuthFailureThrottle authFailures, AddressPolicy callbackAddresses) {

  public static HttpSecurity of(SecuritySettings settings, AddressPolicy callbackAddresses) {
    return new HttpSecurity(new SecurityHeaders(settings.hstsMaxAge()),
        new AuthFailureThrottle(settings.authFailuresPerMinute(), settings.authFailureBurst()), callbackAddresses);
  }
}
