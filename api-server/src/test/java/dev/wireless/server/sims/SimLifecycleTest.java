package dev.wireless.server.sims;

import static dev.wireless.server.sims.SimState.ACTIVE;
import static dev.wireless.server.sims.SimState.CANCELED;
import static dev.wireless.server.sims.SimState.DEACTIVATED;
import static dev.wireless.server.sims.SimState.NEW;
import static dev.wireless.server.sims.SimState.READY;
import static dev.wireless.server.sims.SimState.SCHEDULED;
import static dev.wireless.server.sims.SimState.SUSPENDED;
import static dev.wireless.server.sims.SimState.UPDATING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimLifecycleTest {

  @ParameterizedTest
  @CsvSource({"new,ready", "new,active", "ready,active", "ready,suspended", "ready,deactivated", "active,suspended",
      "active,deactivated", "suspended,active", "suspended,deactivated"})
  void allowedTransitionsAreAccepted(String from, String to) {
    assertEquals(Optional.of(SimState.of(to)), SimLifecycle.checkStatusChange(SimState.of(from), SimState.of(to), true));
  }

  @Test
  void everyOtherRequestedTransitionIs33105() {
    Set<String> allowed = Set.of("new>ready", "new>active", "ready>active", "ready>suspended", "ready>deactivated",
        "active>suspended", "active>deactivated", "suspended>active", "suspended>deactivated");
    for (SimState from : EnumSet.of(NEW, READY, ACTIVE, SUSPENDED, DEACTIVATED, CANCELED)) {
      for (SimState to : SimState.values()) {
        if (from == to || allowed.contains(from.value() + ">" + to.value())) {
          continue;
        }
        assertCode(ErrorCode.TRANSITION_INVALID, () -> SimLifecycle.checkStatusChange(from, to, true));
      }
    }
  }

  @Test
  void newIsNeverReEnteredAndCanceledIsFinal() {
    for (SimState from : EnumSet.of(READY, ACTIVE, SUSPENDED, DEACTIVATED, CANCELED)) {
      assertCode(ErrorCode.TRANSITION_INVALID, () -> SimLifecycle.checkStatusChange(from, NEW, true));
    }
    assertCode(ErrorCode.TRANSITION_INVALID, () -> SimLifecycle.checkStatusChange(CANCELED, ACTIVE, true));
  }

  @Test
  void theSameStatusIsNoChange() {
    assertEquals(Optional.empty(), SimLifecycle.checkStatusChange(NEW, NEW, false));
    assertEquals(Optional.empty(), SimLifecycle.checkStatusChange(ACTIVE, ACTIVE, true));
  }

  @Test
  void readyAndActiveNeedARatePlan() {
    assertCode(ErrorCode.CONFIGURATION_INCOMPLETE, () -> SimLifecycle.checkStatusChange(NEW, ACTIVE, false));
    assertCode(ErrorCode.CONFIGURATION_INCOMPLETE, () -> SimLifecycle.checkStatusChange(NEW, READY, false));
    assertEquals(Optional.of(DEACTIVATED), SimLifecycle.checkStatusChange(SUSPENDED, DEACTIVATED, false));
  }

  @Test
  void anyChangeWhileUpdatingOrScheduledIs33010() {
    for (SimState busy : EnumSet.of(UPDATING, SCHEDULED)) {
      assertCode(ErrorCode.CONFLICTING_UPDATE, () -> SimLifecycle.checkStatusChange(busy, ACTIVE, true));
      assertCode(ErrorCode.CONFLICTING_UPDATE, () -> SimLifecycle.checkRatePlanChange(busy, false, null));
    }
  }

  @Test
  void resetRules() {
    assertCode(ErrorCode.INVALID_PARAMETER_COMBINATION, () -> SimLifecycle.checkReset(ACTIVE, false, true));
    assertCode(ErrorCode.RESET_IN_PROGRESS, () -> SimLifecycle.checkReset(ACTIVE, true, false));
    for (SimState state : EnumSet.of(NEW, SUSPENDED, DEACTIVATED, CANCELED, UPDATING, SCHEDULED)) {
      assertCode(ErrorCode.RESET_NOT_ALLOWED, () -> SimLifecycle.checkReset(state, false, false));
    }
    SimLifecycle.checkReset(READY, false, false);
    SimLifecycle.checkReset(ACTIVE, false, false);
  }

  @Test
  void ratePlanRemovalRules() {
    assertCode(ErrorCode.INVALID_PARAMETER, () -> SimLifecycle.checkRatePlanChange(ACTIVE, true, null));
    assertCode(ErrorCode.INVALID_PARAMETER, () -> SimLifecycle.checkRatePlanChange(READY, true, null));
    assertCode(ErrorCode.INVALID_PARAMETER_COMBINATION,
        () -> SimLifecycle.checkRatePlanChange(ACTIVE, true, SUSPENDED));
    SimLifecycle.checkRatePlanChange(NEW, true, null);
    SimLifecycle.checkRatePlanChange(ACTIVE, false, null);
  }

  @Test
  void accountMovesOnlyWhileNewAndOnlyToASubaccount() {
    SimLifecycle.checkAccountMove(NEW, true);
    assertCode(ErrorCode.NOT_PERMITTED, () -> SimLifecycle.checkAccountMove(NEW, false));
    assertCode(ErrorCode.NOT_PERMITTED, () -> SimLifecycle.checkAccountMove(READY, true));
  }

  @Test
  void stagesAndFollowUps() {
    assertEquals(READY, SimLifecycle.nextStage(NEW, ACTIVE));
    assertEquals(READY, SimLifecycle.nextStage(NEW, READY));
    assertEquals(ACTIVE, SimLifecycle.nextStage(READY, ACTIVE));
    assertEquals(new SimLifecycle.Next(ACTIVE, false), SimLifecycle.after(READY, ACTIVE));
    assertEquals(new SimLifecycle.Next(ACTIVE, true), SimLifecycle.after(READY, READY));
    assertEquals(new SimLifecycle.Next(CANCELED, true), SimLifecycle.after(DEACTIVATED, DEACTIVATED));
    assertNull(SimLifecycle.after(ACTIVE, ACTIVE));
    assertNull(SimLifecycle.after(SUSPENDED, SUSPENDED));
    assertNull(SimLifecycle.after(CANCELED, CANCELED));
  }

  private static void assertCode(ErrorCode code, Executable call) {
    ApiException e = assertThrows(ApiException.class, call);
    assertEquals(code, e.code(), e.getMessage());
  }
  @ParameterizedTest
  @CsvSource({"quota-1", "quota-10", "quota-50"})
  void activatingOnADeprecatedDataMeteringIs33122(String metering) {
    for (SimState target : EnumSet.of(READY, ACTIVE)) {
      ApiException e = assertThrows(ApiException.class,
          () -> SimLifecycle.checkDataMetering(NEW, Optional.of(target), true, metering));
      assertEquals(ErrorCode.RATE_PLAN_NOT_ALLOWED, e.code());
    }
    for (SimState connected : EnumSet.of(READY, ACTIVE, SUSPENDED)) {
      ApiException e = assertThrows(ApiException.class,
          () -> SimLifecycle.checkDataMetering(connected, Optional.empty(), true, metering));
      assertEquals(ErrorCode.RATE_PLAN_NOT_ALLOWED, e.code());
    }
    ApiException resumed = assertThrows(ApiException.class,
        () -> SimLifecycle.checkDataMetering(SUSPENDED, Optional.of(ACTIVE), false, metering));
    assertEquals(ErrorCode.RATE_PLAN_NOT_ALLOWED, resumed.code());
    // a SIM that does not connect may be given such a plan, and one that has it may be switched off
    SimLifecycle.checkDataMetering(NEW, Optional.empty(), true, metering);
    SimLifecycle.checkDataMetering(ACTIVE, Optional.of(DEACTIVATED), true, metering);
    SimLifecycle.checkDataMetering(ACTIVE, Optional.of(SUSPENDED), false, metering);
  }

  @Test
  void paygAndPlansWithoutMeteringActivate() {
    SimLifecycle.checkDataMetering(NEW, Optional.of(ACTIVE), true, "payg");
    SimLifecycle.checkDataMetering(ACTIVE, Optional.empty(), true, "payg");
    SimLifecycle.checkDataMetering(NEW, Optional.of(READY), true, null);
  }
}
