package dev.wireless.server.sims;

import static dev.wireless.server.sims.SimState.ACTIVE;
import static dev.wireless.server.sims.SimState.CANCELED;
import static dev.wireless.server.sims.SimState.DEACTIVATED;
import static dev.wireless.server.sims.SimState.NEW;
import static dev.wireless.server.sims.SimState.READY;
import static dev.wireless.server.sims.SimState.SUSPENDED;

import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SIM lifecycle as pure functions, so every rule is unit-tested
 * without a database. Requested transitions:
 * <pre>
 *   new ──► ready ──► active ◄──► suspended
 *    │        │  ▲      │            │
 *    │        │  └──────┼────────────┘ (auto after 3 months / usage)
 *    └─► active (two stages: ready, then active)
 *   ready | active | suspended ──► deactivated ──(72 h)──► canceled
 * </pre>
 * {@code new} is never re-entered, {@code canceled} is final, {@code deactivated} only moves on by
 * itself, and {@code updating}/{@code scheduled} are never requested: they are what the platform
 * shows while a change is in flight.
 */
public final class SimLifecycle {

  private static final Map<SimState, Set<SimState>> ALLOWED = Map.of(
      NEW, EnumSet.of(READY, ACTIVE),
      READY, EnumSet.of(ACTIVE, SUSPENDED, DEACTIVATED),
      ACTIVE, EnumSet.of(SUSPENDED, DEACTIVATED),
      SUSPENDED, EnumSet.of(ACTIVE, DEACTIVATED));

  private static final Set<SimState> NEED_RATE_PLAN = EnumSet.of(READY, ACTIVE);

  private SimLifecycle() {
  }

  /**
   * Checks a requested {@code Status}; empty when it asks for the status the SIM already has.
   *
   * @param hasRatePlan whether the SIM has a rate plan once this request's RatePlan is applied
   */
  public static Optional<SimState> checkStatusChange(SimState current, SimState target, boolean hasRatePlan) {
    if (current.busy()) {
      throw ApiException.of(ErrorCode.CONFLICTING_UPDATE,
          "The SIM is " + current.value() + "; wait for the current change to finish");
    }
    if (target == current) {
      return Optional.empty();
    }
    if (!ALLOWED.getOrDefault(current, Set.of()).contains(target)) {
      throw ApiException.of(ErrorCode.TRANSITION_INVALID,
          "A SIM cannot go from " + current.value() + " to " + target.value());
    }
    if (NEED_RATE_PLAN.contains(target) && !hasRatePlan) {
      throw ApiException.of(ErrorCode.CONFIGURATION_INCOMPLETE,
          "The SIM needs a RatePlan before it can be " + target.value());
    }
    return Optional.of(target);
  }

  /** Checks {@code ResetStatus=resetting}. */
  public static void checkReset(SimState current, boolean resetting, boolean statusAlsoGiven) {
    if (statusAlsoGiven) {
      throw ApiException.of(ErrorCode.INVALID_PARAMETER_COMBINATION,
          "Status and ResetStatus cannot be changed in the same request");
    }
    if (resetting) {
      throw ApiException.of(ErrorCode.RESET_IN_PROGRESS, "A connectivity reset of this SIM is already in progress");
    }
    if (current != READY && current != ACTIVE) {
      throw ApiException.of(ErrorCode.RESET_NOT_ALLOWED,
          "Connectivity can only be reset while the SIM is ready or active (it is " + current.value() + ")");
    }
  }

  /**
   * Checks a RatePlan change: none while a change is in flight, and the plan can only be removed
   * from a SIM that may not connect.
   */
  public static void checkRatePlanChange(SimState current, boolean removing, SimState requested) {
    if (current.busy()) {
      throw ApiException.of(ErrorCode.CONFLICTING_UPDATE,
          "The SIM is " + current.value() + "; its RatePlan cannot change until the current change finishes");
    }
    if (removing && requested == SUSPENDED) {
      throw ApiException.of(ErrorCode.INVALID_PARAMETER_COMBINATION,
          "A SIM cannot be suspended while its RatePlan is removed");
    }
    if (removing && (current == READY || current == ACTIVE)) {
      throw ApiException.invalid("The RatePlan of a ready or active SIM cannot be removed");
    }
  }

  /**
   * Data metering values that are deprecated ({@code payg} is the current one): a plan may still be
   * created with them, but no SIM may be activated on it.
   */
  public static final Set<String> DEPRECATED_DATA_METERING = Set.of("quota-1", "quota-10", "quota-50");

  /**
   * Refuses (33122) activating a SIM on a rate plan whose data metering is deprecated: asking for
   * {@code ready} (the first stage of activation, which turns {@code active} by itself) or
   * {@code active} on such a plan, or moving a SIM that is {@code ready}, {@code active} or
   * {@code suspended} (and is not being deactivated) onto one. A SIM already on such a plan keeps
   * it; only its (re)activation is refused.
   *
   * @param planChanges  whether this request changes the SIM's rate plan
   * @param dataMetering the data metering of the plan the SIM has once this request is applied
   */
  public static void checkDataMetering(SimState current, Optional<SimState> target, boolean planChanges,
                                       String dataMetering) {
    if (dataMetering == null || !DEPRECATED_DATA_METERING.contains(dataMetering)) {
      return;
    }
    boolean activating = target.filter(t -> t == READY || t == ACTIVE).isPresent();
    boolean movingConnected = planChanges && target.filter(t -> t == DEACTIVATED).isEmpty()
        && EnumSet.of(READY, ACTIVE, SUSPENDED).contains(current);
    if (activating || movingConnected) {
      throw ApiException.of(ErrorCode.RATE_PLAN_NOT_ALLOWED, "Cannot activate a SIM on a Rate Plan with deprecated "
          + "Data Metering (" + dataMetering + "); use a Rate Plan with payg Data Metering");
    }
  }

  /** Checks a move to another account: only a {@code new} SIM, only to the caller or its subaccount. */
  public static void checkAccountMove(SimState current, boolean targetAllowed) {
    if (current != NEW) {
      throw ApiException.of(ErrorCode.NOT_PERMITTED, "Only a SIM in status new can move to another account");
    }
    if (!targetAllowed) {
      throw ApiException.of(ErrorCode.NOT_PERMITTED,
          "A SIM can only move to the requesting account or one of its subaccounts");
    }
  }

  /** The status the carrier is asked for next when moving from {@code from} towards {@code target}. */
  public static SimState nextStage(SimState from, SimState target) {
    return from == NEW && target == ACTIVE ? READY : target;
  }

  /** What follows once {@code reached} is applied on the way to {@code target}. */
  public static Next after(SimState reached, SimState target) {
    if (reached != target) {
      return new Next(target, false);
    }
    if (reached == READY) {
      return new Next(ACTIVE, true);
    }
    if (reached == DEACTIVATED) {
      return new Next(CANCELED, true);
    }
    return null;
  }

  /**
   * A follow-up transition: straight away (second stage of new→active), or {@code timed} (ready →
   * active after the configured months, deactivated → canceled after 72 h).
   */
  public record Next(SimState status, boolean timed) {
  }
}
