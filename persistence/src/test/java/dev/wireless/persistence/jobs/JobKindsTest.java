package dev.wireless.persistence.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The kind → handler registry: which jobs each handler gets, and in which order handlers run. */
class JobKindsTest {

  private record Job(long id, String kind) {
  }

  private final Map<String, List<Long>> handled = new ConcurrentHashMap<>();

  private JobKinds.Handler<Job> recording(String kind) {
    return jobs -> {
      handled.put(kind, jobs.stream().map(Job::id).toList());
      return Future.succeededFuture();
    };
  }

  @Test
  void theRegisteredKindsAreWhatTheWorkerClaims() {
    JobKinds<Job> kinds = JobKinds.of(Job::kind).handle("send", recording("send")).handle("report", recording("report"));
    assertEquals(Set.of("send", "report"), kinds.names());
  }

  @Test
  void eachHandlerGetsTheJobsOfItsKindInClaimOrder() {
    JobKinds<Job> kinds = JobKinds.of(Job::kind).handle("send", recording("send")).handle("report", recording("report"))
        .handle("receipt", recording("receipt"));
    Future<Void> run = kinds.run(List.of(new Job(1, "send"), new Job(2, "report"), new Job(3, "send"),
        new Job(4, "report")));
    assertTrue(run.succeeded());
    assertEquals(Map.of("send", List.of(1L, 3L), "report", List.of(2L, 4L)), handled);
  }

  @Test
  void aKindRegisteredAfterAnotherStartsOnlyOnceThatOneHasEnded() {
    Promise<Void> reportsWritten = Promise.promise();
    List<String> started = new ArrayList<>();
    JobKinds<Job> kinds = JobKinds.of(Job::kind)
        .handle("report", jobs -> {
          started.add("report");
          return reportsWritten.future();
        })
        .handleAfter("report", "receipt", jobs -> {
          started.add("receipt");
          return Future.succeededFuture();
        })
        .handle("send", jobs -> {
          started.add("send");
          return Future.succeededFuture();
        });
    Future<Void> run = kinds.run(List.of(new Job(1, "receipt"), new Job(2, "report"), new Job(3, "send")));
    assertEquals(List.of("report", "send"), started, "the sends do not wait for the reports");
    assertFalse(run.isComplete());
    reportsWritten.fail(new IllegalStateException("database away"));
    assertEquals(List.of("report", "send", "receipt"), started, "the receipts run after the reports, whatever their outcome");
    assertTrue(run.succeeded(), "a handler records its own failures; the others are not held up");
  }

  @Test
  void aHandlerThatThrowsDoesNotStopTheOthers() {
    JobKinds<Job> kinds = JobKinds.of(Job::kind)
        .handle("send", jobs -> {
          throw new IllegalStateException("bug");
        })
        .handle("report", recording("report"));
    assertTrue(kinds.run(List.of(new Job(1, "send"), new Job(2, "report"))).succeeded());
    assertEquals(Map.of("report", List.of(2L)), handled);
  }

  @Test
  void aJobOfAnUnknownKindFailsTheRunAndTheOthersStillRun() {
    JobKinds<Job> kinds = JobKinds.of(Job::kind).handle("send", recording("send"));
    Future<Void> run = kinds.run(List.of(new Job(1, "send"), new Job(2, "archive")));
    assertTrue(run.failed());
    assertTrue(run.cause().getMessage().contains("archive"), run.cause().getMessage());
    assertEquals(Map.of("send", List.of(1L)), handled);
  }

  @Test
  void eachJobRunsEveryJobOnItsOwn() {
    List<Long> ran = new ArrayList<>();
    JobKinds<Job> kinds = JobKinds.of(Job::kind).handle("status", JobKinds.Handler.eachJob(job -> {
      ran.add(job.id());
      return job.id() == 1 ? Future.failedFuture("carrier away") : Future.succeededFuture();
    }));
    assertTrue(kinds.run(List.of(new Job(1, "status"), new Job(2, "status"))).succeeded());
    assertEquals(List.of(1L, 2L), ran);
  }

  @Test
  void aKindHasOneHandlerAndWaitsOnlyForAKnownKind() {
    JobKinds<Job> kinds = JobKinds.of(Job::kind).handle("send", recording("send"));
    assertThrows(IllegalArgumentException.class, () -> kinds.handle("send", recording("send")));
    assertThrows(IllegalArgumentException.class, () -> kinds.handleAfter("report", "receipt", recording("receipt")));
  }
}
