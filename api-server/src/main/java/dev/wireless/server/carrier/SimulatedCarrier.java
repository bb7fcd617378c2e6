package dev.wireless.server.carrier;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * A carrier that needs no network: answers after a configurable latency (so the asynchronous
 * behaviour is visible to a person trying the API), refuses a configurable share of requests, and
 * answers a share of first attempts with "scheduled" (applied on a later attempt).
 */
public final class SimulatedCarrier implements NetworkGateway {

  /** The code reported in the callback when the simulated carrier refuses a change. */
  public static final int REFUSED_CODE = 33000;

  private final Vertx vertx;
  private final Duration latency;
  private final double failureRate;
  private final double scheduledRate;
  private final Duration scheduledDelay;
  private final DoubleSupplier random;

  public SimulatedCarrier(Vertx vertx, Duration latency, double failureRate, double scheduledRate,
                          Duration scheduledDelay, DoubleSupplier random) {
    this.vertx = vertx;
    this.latency = latency;
    this.failureRate = failureRate;
    this.scheduledRate = scheduledRate;
    this.scheduledDelay = scheduledDelay;
    this.random = random;
  }

  @Override
  public Future<CarrierResult> provisionStatus(CarrierRequest request) {
    return answer(request, "The carrier refused to set the SIM to " + request.status());
  }

  @Override
  public Future<CarrierResult> resetConnectivity(CarrierRequest request) {
    return answer(request, "The carrier refused to reset the SIM's connectivity");
  }

  private Future<CarrierResult> answer(CarrierRequest request, String refusal) {
    double draw = random.getAsDouble();
    CarrierResult result;
    if (draw < failureRate) {
      result = CarrierResult.refused(REFUSED_CODE, refusal);
    } else if (request.attempt() == 1 && draw < failureRate + scheduledRate) {
      result = CarrierResult.scheduled(scheduledDelay);
    } else {
      result = CarrierResult.applied();
    }
    if (latency.isZero()) {
      return Future.succeededFuture(result);
    }
    Promise<CarrierResult> promise = Promise.promise();
    vertx.setTimer(Math.max(1, latency.toMillis()), id -> promise.complete(result));
    return promise.future();
  }
}
