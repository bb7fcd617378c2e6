package dev.wireless.server.rateplans;

/**
 * The roaming data limits a rate plan shows and the network enforces: one rule, used by the API
 * when it answers with a plan and by usage enforcement when it judges a SIM's traffic, so what a
 * client reads is exactly what applies.
 *
 * <p>A plan created without {@code NationalRoamingDataLimit} or
 * {@code InternationalRoamingDataLimit} allows, per month and per kind of roaming, as many
 * megabytes as its home {@code DataLimit}: roaming is then limited like home use, with its own
 * counter. The Twilio contract declares both limits as non-null integers (schema default 0, with no
 * meaning stated for an absent value), so an absent limit is answered as that effective integer,
 * never as null. A limit given explicitly, {@code 0} included, is used as given.
 */
public final class RoamingDataLimits {

  private RoamingDataLimits() {
  }

  /**
   * @param given     the limit stored with the plan, null when it was not given
   * @param dataLimit the plan's home limit (MB), null when it has none
   * @return the limit in MB that applies; null only for a plan without any data limit
   */
  public static Integer effective(Integer given, Integer dataLimit) {
    return given != null ? given : dataLimit;
  }
}
