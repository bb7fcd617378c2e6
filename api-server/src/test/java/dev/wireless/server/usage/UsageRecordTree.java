package dev.wireless.server.usage;

import dev.wireless.server.model.CommandsUsage;
import dev.wireless.server.model.CommandsUsageCounts;
import dev.wireless.server.model.DataUsage;
import dev.wireless.server.model.DataUsageCounts;
import dev.wireless.server.model.InternationalCommandsUsageCounts;
import dev.wireless.server.model.InternationalDataUsageCounts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference for {@link UsageRecordJson}: one record's {@code data} and {@code commands} trees
 * built as the generated models, which the platform's mapper encodes as the contract describes
 * (the way records were answered before they were written directly). Every level is the sum of the
 * level below, billed amounts are rounded to 4 decimals at the leaves, {@code home} and
 * {@code national_roaming} are always objects (zeros when unused).
 */
final class UsageRecordTree {

  private static final String UNITS = "bytes";

  private UsageRecordTree() {
  }

  /** @param cells one record's cells, in country order (international entries follow it) */
  static DataUsage data(List<UsageCell> cells) {
    long[] home = new long[2];
    long[] national = new long[2];
    BigDecimal homeBilled = BigDecimal.ZERO;
    BigDecimal nationalBilled = BigDecimal.ZERO;
    List<InternationalDataUsageCounts> international = new ArrayList<>();
    for (UsageCell c : cells) {
      switch (c.roaming()) {
        case "home" -> {
          home[0] += c.dataUp();
          home[1] += c.dataDown();
          homeBilled = homeBilled.add(c.dataBilled());
        }
        case "national" -> {
          national[0] += c.dataUp();
          national[1] += c.dataDown();
          nationalBilled = nationalBilled.add(c.dataBilled());
        }
        default -> international.add(new InternationalDataUsageCounts().countryCode(c.countryCode())
            .upload(c.dataUp()).download(c.dataDown()).total(c.dataUp() + c.dataDown()).units(UNITS)
            .billed(money(c.dataBilled())).billingUnits(PriceTable.CURRENCY));
      }
    }
    DataUsageCounts h = counts(home, homeBilled);
    DataUsageCounts n = counts(national, nationalBilled);
    long up = h.getUpload() + n.getUpload();
    long down = h.getDownload() + n.getDownload();
    BigDecimal billed = h.getBilled().add(n.getBilled());
    for (InternationalDataUsageCounts abroad : international) {
      up += abroad.getUpload();
      down += abroad.getDownload();
      billed = billed.add(abroad.getBilled());
    }
    return new DataUsage().upload(up).download(down).total(up + down).units(UNITS).billed(billed)
        .billingUnits(PriceTable.CURRENCY).home(h).nationalRoaming(n).internationalRoaming(international);
  }

  /** @param cells one record's cells, in country order (international entries follow it) */
  static CommandsUsage commands(List<UsageCell> cells) {
    long[] home = new long[2];
    long[] national = new long[2];
    BigDecimal homeBilled = BigDecimal.ZERO;
    BigDecimal nationalBilled = BigDecimal.ZERO;
    List<InternationalCommandsUsageCounts> international = new ArrayList<>();
    for (UsageCell c : cells) {
      switch (c.roaming()) {
        case "home" -> {
          home[0] += c.toSim();
          home[1] += c.fromSim();
          homeBilled = homeBilled.add(c.commandsBilled());
        }
        case "national" -> {
          national[0] += c.toSim();
          national[1] += c.fromSim();
          nationalBilled = nationalBilled.add(c.commandsBilled());
        }
        default -> international.add(new InternationalCommandsUsageCounts().countryCode(c.countryCode())
            .toSim(c.toSim()).fromSim(c.fromSim()).total(c.toSim() + c.fromSim()).billed(money(c.commandsBilled()))
            .billingUnits(PriceTable.CURRENCY));
      }
    }
    CommandsUsageCounts h = commandCounts(home, homeBilled);
    CommandsUsageCounts n = commandCounts(national, nationalBilled);
    long to = h.getToSim() + n.getToSim();
    long from = h.getFromSim() + n.getFromSim();
    BigDecimal billed = h.getBilled().add(n.getBilled());
    for (InternationalCommandsUsageCounts abroad : international) {
      to += abroad.getToSim();
      from += abroad.getFromSim();
      billed = billed.add(abroad.getBilled());
    }
    return new CommandsUsage().toSim(to).fromSim(from).total(to + from).billed(billed)
        .billingUnits(PriceTable.CURRENCY).home(h).nationalRoaming(n).internationalRoaming(international);
  }

  private static DataUsageCounts counts(long[] c, BigDecimal billed) {
    return new DataUsageCounts().upload(c[0]).download(c[1]).total(c[0] + c[1]).units(UNITS).billed(money(billed))
        .billingUnits(PriceTable.CURRENCY);
  }

  private static CommandsUsageCounts commandCounts(long[] c, BigDecimal billed) {
    return new CommandsUsageCounts().toSim(c[0]).fromSim(c[1]).total(c[0] + c[1]).billed(money(billed))
        .billingUnits(PriceTable.CURRENCY);
  }

  static BigDecimal money(BigDecimal amount) {
    return amount.max(BigDecimal.ZERO).setScale(4, RoundingMode.HALF_UP);
  }
}
