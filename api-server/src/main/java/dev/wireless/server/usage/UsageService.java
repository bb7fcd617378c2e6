package dev.wireless.server.usage;

import dev.wireless.server.errors.ApiException;
import dev.wireless.server.paging.Page;
import dev.wireless.server.paging.PageRequest;
import dev.wireless.server.sims.SimRepository;
import dev.wireless.server.sims.SimRow;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * UsageRecords and DataSessions reads. UsageRecords come only from the hourly rollups: a page is
 * a run of consecutive record numbers, read with one grouped query over its hours.
 */
public final class UsageService {

  /** One record: its number, period and the cells summed into it. */
  public record UsageRecordRow(int index, OffsetDateTime start, OffsetDateTime end, List<UsageCell> cells) {
  }

  private static final Duration SESSION_WINDOW = Duration.ofDays(30);

  private final Pool pool;
  private final Clock clock;

  public UsageService(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  public UsageWindow window(OffsetDateTime start, OffsetDateTime end, String granularity) {
    return UsageWindow.of(start, end, granularity, OffsetDateTime.now(clock));
  }

  public Future<SimRow> sim(String accountSid, String key, String path) {
    return new SimRepository(pool).find(accountSid, key)
        .map(found -> found.orElseThrow(() -> ApiException.notFound(path)));
  }

  public Future<Page<UsageRecordRow>> accountRecords(String accountSid, UsageWindow window, PageRequest request) {
    return records(window, request, (from, to) -> new UsageRepository.Span(accountSid, null, window, from, to));
  }

  public Future<Page<UsageRecordRow>> simRecords(String accountSid, String simSid, UsageWindow window,
                                                 PageRequest request) {
    return records(window, request, (from, to) -> new UsageRepository.Span(accountSid, simSid, window, from, to));
  }

  public Future<Page<DataSessionRow>> sessions(long simId, PageRequest request) {
    return new DataSessionRepository(pool).page(simId, OffsetDateTime.now(clock).minus(SESSION_WINDOW), request)
        .map(rows -> Page.of(rows, request, DataSessionRow::pageKey));
  }

  private Future<Page<UsageRecordRow>> records(UsageWindow window, PageRequest request,
                                               java.util.function.BiFunction<OffsetDateTime, OffsetDateTime,
                                                   UsageRepository.Span> span) {
    List<Integer> indexes = indexes(window.count(), request);
    if (indexes.isEmpty()) {
      return Future.succeededFuture(Page.of(List.of(), request, UsageRecordRow::index));
    }
    int lo = Math.min(indexes.get(0), indexes.get(indexes.size() - 1));
    int hi = Math.max(indexes.get(0), indexes.get(indexes.size() - 1));
    OffsetDateTime[] hours = window.hours(lo, hi);
    return new UsageRepository(pool).cells(span.apply(hours[0], hours[1])).map(cells -> {
      // records list their countries in order: sort once here rather than per tree
      cells.sort(Comparator.comparing(UsageCell::countryCode));
      Map<Integer, List<UsageCell>> byIndex = new HashMap<>();
      for (UsageCell cell : cells) {
        byIndex.computeIfAbsent(cell.index(), i -> new ArrayList<>()).add(cell);
      }
      List<UsageRecordRow> rows = new ArrayList<>();
      for (int i : indexes) {
        rows.add(new UsageRecordRow(i + 1, window.recordStart(i), window.recordEnd(i),
            byIndex.getOrDefault(i, List.of())));
      }
      return Page.of(rows, request, UsageRecordRow::index);
    });
  }

  /** Record numbers to fetch in reading order, up to size + 1 (page keys are number + 1). */
  private static List<Integer> indexes(int count, PageRequest request) {
    List<Integer> out = new ArrayList<>();
    if (request.backwards()) {
      for (long i = request.token().boundary() - 2; i >= 0 && out.size() <= request.size(); i--) {
        out.add((int) i);
      }
    } else {
      long first = request.token() == null ? 0 : request.token().boundary();
      for (long i = first; i < count && out.size() <= request.size(); i++) {
        out.add((int) i);
      }
    }
    return out;
  }
}
