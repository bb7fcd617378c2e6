package dev.wireless.server.carrier;

import dev.wireless.server.carrier.CarrierResult.DeliveryReport;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * A carrier that needs no network: answers after a configurable latency (so the asynchronous
 * behaviour is visible to a person trying the API), refuses a configurable share of requests, and
 * answers a share of first attempts with "scheduled" (applied on a later attempt). SMS follow
 * {@link SmsBehaviour}, and the markers below make one message fail on purpose, so a demo or a test
 * can show every outcome deterministically. A delivery report is announced with the answer
 * ({@link DeliveryReport}): the simulated network's promise to send it, which the platform keeps
 * durably, as a real network resends a report until it is acknowledged.
 */
public final class SimulatedCarrier implements NetworkGateway {

  /** The code reported in the callback when the simulated carrier refuses a change. */
  public static final int REFUSED_CODE = 33000;
  /** The code a Command fails with when the simulated carrier refuses or cannot deliver it. */
  public static final int SMS_REFUSED_CODE = 33000;
  /** The code of a delivery receipt reporting the message undeliverable. */
  public static final int SMS_UNDELIVERABLE_CODE = 33000;
  /**
   * Test hooks of the simulated network only (README): a text Command containing one of these is
   * refused by the carrier, reported undeliverable, or never gets its receipt, whatever the rates.
   */
  public static final String REFUSE_MARKER = "#sim-carrier-refuse";
  public static final String UNDELIVERABLE_MARKER = "#sim-carrier-undeliverable";
  public static final String LOSE_RECEIPT_MARKER = "#sim-carrier-no-receipt";

  private final Vertx vertx;
  private final Duration latency;
  private final double failureRate;
  private final double scheduledRate;
  private final Duration scheduledDelay;
  private final DoubleSupplier random;
  private final SmsBehaviour sms;

  /**
   * How the simulated network treats SMS: the share it refuses outright, how long a delivery receipt
   * takes, the share of receipts reporting non-delivery, and the share that never come back (the
   * Command then fails when the receipt timeout expires).
   */
  public record SmsBehaviour(double failureRate, Duration receiptDelay, double receiptFailureRate,
                             double receiptLossRate) {

    public static SmsBehaviour reliable(Duration receiptDelay) {
      return new SmsBehaviour(0, receiptDelay, 0, 0);
    }
  }

  public SimulatedCarrier(Vertx vertx, Duration latency, double failureRate, double scheduledRate,
                          Duration scheduledDelay, DoubleSupplier random) {
    this(vertx, latency, failureRate, scheduledRate, scheduledDelay, random, SmsBehaviour.reliable(latency));
  }

  public SimulatedCarrier(Vertx vertx, Duration latency, double failureRate, double scheduledRate,
                          Duration scheduledDelay, DoubleSupplier random, SmsBehaviour sms) {
    this.sms = sms;
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

  @Override
  public Future<CarrierResult> sendSms(SmsRequest request, DeliveryReceipts receipts) {
    String marker = "text".equals(request.mode()) && request.payload() != null ? request.payload() : "";
    boolean refuse = marker.contains(REFUSE_MARKER) || random.getAsDouble() < sms.failureRate();
    CarrierResult result = refuse
        ? CarrierResult.refused(SMS_REFUSED_CODE, "The carrier refused the message: the SIM is unreachable")
        : CarrierResult.accepted();
    if (result.outcome() == CarrierResult.Outcome.APPLIED && request.receiptRequested()) {
      double draw = random.getAsDouble();
      boolean lost = marker.contains(LOSE_RECEIPT_MARKER) || draw < sms.receiptLossRate();
      if (!lost) {
        boolean delivered = !marker.contains(UNDELIVERABLE_MARKER)
            && draw >= sms.receiptLossRate() + sms.receiptFailureRate();
        // announced, not held in this process's memory: the platform stores it with "sent"
        result = CarrierResult.accepted(new DeliveryReport(sms.receiptDelay(), delivered,
            delivered ? 0 : SMS_UNDELIVERABLE_CODE, delivered ? null : "The network reported the message undeliverable"));
      }
    }
    return later(result);
  }

  private Future<CarrierResult> later(CarrierResult result) {
    if (latency.isZero()) {
      return Future.succeededFuture(result);
    }
    Promise<CarrierResult> promise = Promise.promise();
    vertx.setTimer(Math.max(1, latency.toMillis()), id -> promise.complete(result));
    return promise.future();
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
