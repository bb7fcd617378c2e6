package dev.wireless.server.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wireless.server.http.JsonCodec;
import dev.wireless.server.model.ListAccountUsageRecordResponse;
import dev.wireless.server.model.ListUsageRecordResponse;
import dev.wireless.server.model.PageMeta;
import dev.wireless.server.model.SimUsageRecord;
import dev.wireless.server.model.UsagePeriod;
import dev.wireless.server.model.UsageRecord;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The directly written UsageRecord pages are byte for byte what the generated models encode to
 * (field order, numbers, billed amounts' scale and clamping, dates, empty records, meta with nulls).
 */
class UsageRecordJsonTest {

  private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
  private static final String SIM = "DE0123456789abcdef0123456789abcdef";
  private static final String[] ROAMING = {"home", "national", "international"};
  private static final String[] COUNTRIES = {"AT", "DE", "FR", "US"};

  @Test
  void accountPagesEncodeAsTheModels() {
    Random random = new Random(20261204);
    for (int round = 0; round < 200; round++) {
      List<UsageService.UsageRecordRow> rows = rows(random);
      PageMeta meta = meta(round);
      ListAccountUsageRecordResponse models = new ListAccountUsageRecordResponse().meta(meta)
          .usageRecords(rows.stream().map(r -> new UsageRecord().accountSid(ACCOUNT).period(period(r))
              .data(UsageRecordTree.data(r.cells())).commands(UsageRecordTree.commands(r.cells()))).toList());
      assertEquals(json(models), json(new AccountUsagePage(ACCOUNT, rows, meta)));
    }
  }

  @Test
  void simPagesEncodeAsTheModels() {
    Random random = new Random(4);
    for (int round = 0; round < 200; round++) {
      List<UsageService.UsageRecordRow> rows = rows(random);
      PageMeta meta = meta(round);
      ListUsageRecordResponse models = new ListUsageRecordResponse().meta(meta)
          .usageRecords(rows.stream().map(r -> new SimUsageRecord().simSid(SIM).accountSid(ACCOUNT).period(period(r))
              .data(UsageRecordTree.data(r.cells())).commands(UsageRecordTree.commands(r.cells()))).toList());
      assertEquals(json(models), json(new SimUsagePage(SIM, ACCOUNT, rows, meta)));
    }
  }

  @Test
  void anEmptyRecordHasZeroedHomeAndNationalObjects() {
    OffsetDateTime day = OffsetDateTime.of(2026, 12, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    String page = json(new AccountUsagePage(ACCOUNT,
        List.of(new UsageService.UsageRecordRow(1, day, day.plusDays(1), List.of())), meta(1)));
    assertEquals("{\"usage_records\":[{\"account_sid\":\"" + ACCOUNT + "\",\"period\":{\"start\":\"2026-12-01T00:00:00Z\","
        + "\"end\":\"2026-12-02T00:00:00Z\"},\"commands\":{\"from_sim\":0,\"to_sim\":0,\"total\":0,\"billed\":0.0000,"
        + "\"billing_units\":\"USD\",\"home\":{\"from_sim\":0,\"to_sim\":0,\"total\":0,\"billed\":0.0000,"
        + "\"billing_units\":\"USD\"},\"national_roaming\":{\"from_sim\":0,\"to_sim\":0,\"total\":0,\"billed\":0.0000,"
        + "\"billing_units\":\"USD\"},\"international_roaming\":[]},\"data\":{\"download\":0,\"upload\":0,\"total\":0,"
        + "\"units\":\"bytes\",\"billed\":0.0000,\"billing_units\":\"USD\",\"home\":{\"download\":0,\"upload\":0,"
        + "\"total\":0,\"units\":\"bytes\",\"billed\":0.0000,\"billing_units\":\"USD\"},\"national_roaming\":"
        + "{\"download\":0,\"upload\":0,\"total\":0,\"units\":\"bytes\",\"billed\":0.0000,\"billing_units\":\"USD\"},"
        + "\"international_roaming\":[]}}],", page.substring(0, page.indexOf("\"meta\"")));
  }

  /** A page of up to 100 records, each with up to 12 cells in country order (as UsageService gives them). */
  private static List<UsageService.UsageRecordRow> rows(Random random) {
    OffsetDateTime start = OffsetDateTime.of(2026, 9, 1, random.nextInt(24), 0, 0, 0, ZoneOffset.UTC);
    List<UsageService.UsageRecordRow> rows = new ArrayList<>();
    int count = random.nextInt(100);
    for (int i = 0; i < count; i++) {
      List<UsageCell> cells = new ArrayList<>();
      int n = random.nextInt(13);
      for (int c = 0; c < n; c++) {
        String roaming = ROAMING[random.nextInt(ROAMING.length)];
        String country = roaming.equals("international") ? COUNTRIES[random.nextInt(COUNTRIES.length)] : "";
        cells.add(new UsageCell(i, roaming, country, random.nextInt(5_000_000), random.nextInt(50_000_000),
            amount(random), random.nextInt(20), random.nextInt(20), amount(random)));
      }
      cells.sort(Comparator.comparing(UsageCell::countryCode));
      rows.add(new UsageService.UsageRecordRow(i + 1, start.plusDays(i), start.plusDays(i + 1), cells));
    }
    return rows;
  }

  /** Amounts as the rollups hold them: many decimals, sometimes negative (a late re-attribution), sometimes 0. */
  private static BigDecimal amount(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> BigDecimal.ZERO;
      case 1 -> new BigDecimal(random.nextInt(2_000_000) - 1_000_000).movePointLeft(7);
      default -> new BigDecimal(random.nextInt(900_000_000)).movePointLeft(random.nextInt(12));
    };
  }

  private static PageMeta meta(int round) {
    String url = "https://example.test/v1/UsageRecords?PageSize=50&Page=" + round;
    return new PageMeta().firstPageUrl(url).key("usage_records").page(round).pageSize(50).url(url)
        .nextPageUrl(round % 2 == 0 ? null : url + "&PageToken=x").previousPageUrl(null);
  }

  private static UsagePeriod period(UsageService.UsageRecordRow r) {
    return new UsagePeriod().start(r.start()).end(r.end());
  }

  private static String json(Object body) {
    return JsonCodec.encode(body).toString(StandardCharsets.UTF_8);
  }
}
