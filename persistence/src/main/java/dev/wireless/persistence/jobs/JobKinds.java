package dev.wireless.persistence.jobs;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The kinds of job one worker runs, each with its own handler. A worker claims only the kinds it has
 * a handler for ({@link #names} is the claim's kind filter, see {@link JobQueue#claimRows}), so a
 * node that does not know a kind (an older node during a rolling upgrade) leaves its jobs to a node
 * that does, instead of claiming and failing them.
 *
 * <p>{@link #run} hands each handler the jobs of its kind in a claimed batch. Handlers run side by
 * side unless one was registered to run {@code after} another: a kind whose outcome must win over
 * another's (a delivery report over the receipt timeout of the same Command) waits for that kind's
 * handler to end, while the other kinds of the batch go on. A handler records its jobs' outcomes
 * itself (through its {@link JobQueue}); a handler that fails leaves its jobs to their leases and
 * does not stop the other handlers.
 *
 * @param <J> the claimed job type
 */
public final class JobKinds<J> {

  /** Runs the jobs of one kind from one claimed batch. */
  @FunctionalInterface
  public interface Handler<J> {
    Future<Void> run(List<J> jobs);

    /** A handler that runs each job on its own, all at once. */
    static <J> Handler<J> eachJob(Function<J, Future<Void>> perJob) {
      return jobs -> Future.join(jobs.stream().map(perJob).toList()).mapEmpty();
    }
  }

  private record Registered<J>(Handler<J> handler, String after) {
  }

  private final Function<J, String> kindOf;
  private final Map<String, Registered<J>> kinds = new LinkedHashMap<>();

  private JobKinds(Function<J, String> kindOf) {
    this.kindOf = kindOf;
  }

  /** An empty registry over jobs whose kind {@code kindOf} reads. */
  public static <J> JobKinds<J> of(Function<J, String> kindOf) {
    return new JobKinds<>(kindOf);
  }

  /** Registers {@code handler} for {@code kind}, run side by side with the other kinds. */
  public JobKinds<J> handle(String kind, Handler<J> handler) {
    return register(kind, handler, null);
  }

  /** Registers {@code handler} for {@code kind}, started once the handler of {@code earlier} has ended. */
  public JobKinds<J> handleAfter(String earlier, String kind, Handler<J> handler) {
    if (!kinds.containsKey(earlier)) {
      throw new IllegalArgumentException(earlier + " must be registered before " + kind);
    }
    return register(kind, handler, earlier);
  }

  private JobKinds<J> register(String kind, Handler<J> handler, String after) {
    if (kinds.putIfAbsent(kind, new Registered<>(handler, after)) != null) {
      throw new IllegalArgumentException(kind + " has a handler already");
    }
    return this;
  }

  /** The registered kinds: what the worker may claim. */
  public Set<String> names() {
    return Set.copyOf(kinds.keySet());
  }

  /**
   * Runs a claimed batch: each kind's jobs (in claim order) through its handler. Completes when
   * every handler has ended; fails if a job of a kind with no handler was in the batch (which a
   * claim filtered by {@link #names} never returns): that job is left to its lease.
   */
  public Future<Void> run(List<J> batch) {
    Map<String, List<J>> byKind = new HashMap<>();
    for (J job : batch) {
      byKind.computeIfAbsent(kindOf.apply(job), k -> new ArrayList<>()).add(job);
    }
    List<String> unknown = byKind.keySet().stream().filter(kind -> !kinds.containsKey(kind)).sorted().toList();
    Map<String, Future<Void>> ended = new HashMap<>();
    kinds.forEach((kind, registered) -> {
      Future<Void> start = registered.after() == null ? Future.succeededFuture() : ended.get(registered.after());
      List<J> jobs = byKind.getOrDefault(kind, List.of());
      ended.put(kind, start.transform(previous -> jobs.isEmpty() ? Future.<Void>succeededFuture()
          : runSafely(registered.handler(), jobs)));
    });
    return Future.join(new ArrayList<>(ended.values())).transform(all -> unknown.isEmpty()
        ? Future.<Void>succeededFuture()
        : Future.<Void>failedFuture(new IllegalStateException("no handler for job kinds " + unknown)));
  }

  private static <J> Future<Void> runSafely(Handler<J> handler, List<J> jobs) {
    try {
      return handler.run(jobs);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
