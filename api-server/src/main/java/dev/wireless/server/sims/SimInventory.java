package dev.wireless.server.sims;

import dev.wireless.persistence.DatabaseErrors.DuplicateKeyException;
import dev.wireless.persistence.DatabaseErrors.ReferenceViolationException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads SIM cards onto an account (the operator's {@code sims import}). All or nothing: the file is
 * checked completely first, then written in one transaction. Idempotent on ICCID: a card already
 * on the account is skipped; a card on another account is an error.
 */
public final class SimInventory {

  private static final int CHUNK = 500;

  /** What an import did. */
  public record Imported(int lines, int added, int alreadyPresent) {
  }

  /** The file was refused; nothing was imported. */
  public static final class ImportRefused extends RuntimeException {
    public ImportRefused(List<String> errors) {
      super(String.join("\n", errors) + "\nnothing was imported", null, false, false);
    }
  }

  private final Pool pool;

  public SimInventory(Pool pool) {
    this.pool = pool;
  }

  public Future<Imported> importFile(String accountSid, List<String> lines) {
    SimCsv.Parsed parsed = SimCsv.parse(lines);
    if (!parsed.errors().isEmpty()) {
      return Future.failedFuture(new ImportRefused(parsed.errors()));
    }
    return pool.withTransaction(tx -> {
      SimRepository sims = new SimRepository(tx);
      return sims.ownersOf(parsed.sims().stream().map(NewSim::iccid).toList()).compose(owners -> {
        List<String> errors = foreignCards(accountSid, parsed, owners);
        if (!errors.isEmpty()) {
          return Future.failedFuture(new ImportRefused(errors));
        }
        return insertChunks(sims, accountSid, parsed.sims(), 0, 0)
            .map(added -> new Imported(parsed.sims().size(), added, parsed.sims().size() - added));
      });
    }).recover(e -> Future.failedFuture(translate(e, accountSid)));
  }

  private static List<String> foreignCards(String accountSid, SimCsv.Parsed parsed, Map<String, String> owners) {
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < parsed.sims().size(); i++) {
      String owner = owners.get(parsed.sims().get(i).iccid());
      if (owner != null && !owner.equals(accountSid)) {
        errors.add("line " + parsed.lineNumbers().get(i) + ": ICCID " + parsed.sims().get(i).iccid()
            + " is already registered to another account");
      }
    }
    return errors;
  }

  private static Future<Integer> insertChunks(SimRepository sims, String accountSid, List<NewSim> all, int from,
                                              int added) {
    if (from >= all.size()) {
      return Future.succeededFuture(added);
    }
    List<NewSim> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
    return sims.insertNew(accountSid, chunk, null, SimState.NEW.value())
        .compose(n -> insertChunks(sims, accountSid, all, from + CHUNK, added + n));
  }

  private static Throwable translate(Throwable e, String accountSid) {
    if (e instanceof ReferenceViolationException) {
      return new ImportRefused(List.of("account " + accountSid + " does not exist"));
    }
    if (e instanceof DuplicateKeyException) {
      return new ImportRefused(List.of("a unique_name in the file is already used by another SIM on the account ("
          + ((DuplicateKeyException) e).constraint() + ")"));
    }
    return e;
  }
}
