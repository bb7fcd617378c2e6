package dev.wireless.server.usage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import dev.wireless.server.model.PageMeta;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Writes one UsageRecord straight from its cells onto a JSON generator, without building the
 * generated model objects first: an account's 90 daily records are some 25,000 JSON tokens, and
 * building and bean-serializing the model was 40 % of the server's time on that read. The output is
 * exactly what the models produce (same field order, number and date formats), which
 * {@code UsageRecordJsonTest} checks against the models.
 *
 * <p>Every level is the sum of the level below (totals are computed here, never read), billed
 * amounts are rounded to 4 decimals at the leaves so they add up exactly, and {@code home} and
 * {@code national_roaming} are always objects (zeros when unused). Cells come in country order.
 */
final class UsageRecordJson {

  // names and constant values pre-encoded once: the generator copies their bytes instead of escaping them
  private static final SerializedString SIM_SID = new SerializedString("sim_sid");
  private static final SerializedString ACCOUNT_SID = new SerializedString("account_sid");
  private static final SerializedString PERIOD = new SerializedString("period");
  private static final SerializedString START = new SerializedString("start");
  private static final SerializedString END = new SerializedString("end");
  private static final SerializedString USAGE_RECORDS = new SerializedString("usage_records");
  private static final SerializedString META = new SerializedString("meta");
  private static final SerializedString DATA = new SerializedString("data");
  private static final SerializedString COMMANDS = new SerializedString("commands");
  private static final SerializedString HOME = new SerializedString("home");
  private static final SerializedString NATIONAL_ROAMING = new SerializedString("national_roaming");
  private static final SerializedString INTERNATIONAL_ROAMING = new SerializedString("international_roaming");
  private static final SerializedString COUNTRY_CODE = new SerializedString("country_code");
  private static final SerializedString DOWNLOAD = new SerializedString("download");
  private static final SerializedString UPLOAD = new SerializedString("upload");
  private static final SerializedString TOTAL = new SerializedString("total");
  private static final SerializedString UNITS = new SerializedString("units");
  private static final SerializedString BILLED = new SerializedString("billed");
  private static final SerializedString BILLING_UNITS = new SerializedString("billing_units");
  private static final SerializedString FROM_SIM = new SerializedString("from_sim");
  private static final SerializedString TO_SIM = new SerializedString("to_sim");
  private static final SerializedString BYTES = new SerializedString("bytes");
  private static final SerializedString CURRENCY = new SerializedString(PriceTable.CURRENCY);

  private UsageRecordJson() {
  }

  /** A page: its records, then {@code meta} through the mapper's model serializers. */
  static void writePage(JsonGenerator g, SerializerProvider provider, String simSid, String accountSid,
                        List<UsageService.UsageRecordRow> rows, PageMeta meta) throws IOException {
    g.writeStartObject();
    g.writeFieldName(USAGE_RECORDS);
    g.writeStartArray();
    for (UsageService.UsageRecordRow r : rows) {
      write(g, simSid, accountSid, r);
    }
    g.writeEndArray();
    g.writeFieldName(META);
    provider.defaultSerializeValue(meta, g);
    g.writeEndObject();
  }

  /** One record; {@code simSid} null for an account's record (which has no {@code sim_sid}). */
  static void write(JsonGenerator g, String simSid, String accountSid, UsageService.UsageRecordRow r)
      throws IOException {
    g.writeStartObject();
    if (simSid != null) {
      g.writeFieldName(SIM_SID);
      g.writeString(simSid);
    }
    g.writeFieldName(ACCOUNT_SID);
    g.writeString(accountSid);
    g.writeFieldName(PERIOD);
    g.writeStartObject();
    g.writeFieldName(START);
    g.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(r.start()));
    g.writeFieldName(END);
    g.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(r.end()));
    g.writeEndObject();
    section(g, r.cells(), COMMANDS_SECTION);
    section(g, r.cells(), DATA_SECTION);
    g.writeEndObject();
  }

  /** How a section's counts are written: {@code first} is download or from_sim, {@code second} upload or to_sim. */
  @FunctionalInterface
  private interface CountsWriter {
    void write(JsonGenerator g, long first, long second, BigDecimal billed) throws IOException;
  }

  /** One of a record's two sections (data, commands): which counts of a cell it sums and how it writes them. */
  private record Section(SerializedString name, ToLongFunction<UsageCell> first, ToLongFunction<UsageCell> second,
                         Function<UsageCell, BigDecimal> billed, CountsWriter counts) {
  }

  private static final Section DATA_SECTION = new Section(DATA, UsageCell::dataDown, UsageCell::dataUp,
      UsageCell::dataBilled, UsageRecordJson::dataCounts);
  private static final Section COMMANDS_SECTION = new Section(COMMANDS, UsageCell::fromSim, UsageCell::toSim,
      UsageCell::commandsBilled, UsageRecordJson::commandCounts);

  /** A section: its total, {@code home}, {@code national_roaming} and one entry per country abroad. */
  private static void section(JsonGenerator g, List<UsageCell> cells, Section s) throws IOException {
    long homeFirst = 0;
    long homeSecond = 0;
    long nationalFirst = 0;
    long nationalSecond = 0;
    BigDecimal homeBilled = BigDecimal.ZERO;
    BigDecimal nationalBilled = BigDecimal.ZERO;
    long first = 0;
    long second = 0;
    BigDecimal abroadBilled = BigDecimal.ZERO;
    for (UsageCell c : cells) {
      switch (c.roaming()) {
        case "home" -> {
          homeFirst += s.first().applyAsLong(c);
          homeSecond += s.second().applyAsLong(c);
          homeBilled = homeBilled.add(s.billed().apply(c));
        }
        case "national" -> {
          nationalFirst += s.first().applyAsLong(c);
          nationalSecond += s.second().applyAsLong(c);
          nationalBilled = nationalBilled.add(s.billed().apply(c));
        }
        default -> {
          first += s.first().applyAsLong(c);
          second += s.second().applyAsLong(c);
          abroadBilled = abroadBilled.add(money(s.billed().apply(c)));
        }
      }
    }
    homeBilled = money(homeBilled);
    nationalBilled = money(nationalBilled);
    first += homeFirst + nationalFirst;
    second += homeSecond + nationalSecond;
    g.writeFieldName(s.name());
    g.writeStartObject();
    s.counts().write(g, first, second, homeBilled.add(nationalBilled).add(abroadBilled));
    g.writeFieldName(HOME);
    g.writeStartObject();
    s.counts().write(g, homeFirst, homeSecond, homeBilled);
    g.writeEndObject();
    g.writeFieldName(NATIONAL_ROAMING);
    g.writeStartObject();
    s.counts().write(g, nationalFirst, nationalSecond, nationalBilled);
    g.writeEndObject();
    g.writeFieldName(INTERNATIONAL_ROAMING);
    g.writeStartArray();
    for (UsageCell c : cells) {
      if (international(c)) {
        g.writeStartObject();
        g.writeFieldName(COUNTRY_CODE);
        g.writeString(c.countryCode());
        s.counts().write(g, s.first().applyAsLong(c), s.second().applyAsLong(c), money(s.billed().apply(c)));
        g.writeEndObject();
      }
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static boolean international(UsageCell c) {
    return !"home".equals(c.roaming()) && !"national".equals(c.roaming());
  }

  private static void dataCounts(JsonGenerator g, long down, long up, BigDecimal billed) throws IOException {
    g.writeFieldName(DOWNLOAD);
    g.writeNumber(down);
    g.writeFieldName(UPLOAD);
    g.writeNumber(up);
    g.writeFieldName(TOTAL);
    g.writeNumber(up + down);
    g.writeFieldName(UNITS);
    g.writeString(BYTES);
    g.writeFieldName(BILLED);
    g.writeNumber(billed);
    g.writeFieldName(BILLING_UNITS);
    g.writeString(CURRENCY);
  }

  private static void commandCounts(JsonGenerator g, long from, long to, BigDecimal billed) throws IOException {
    g.writeFieldName(FROM_SIM);
    g.writeNumber(from);
    g.writeFieldName(TO_SIM);
    g.writeNumber(to);
    g.writeFieldName(TOTAL);
    g.writeNumber(to + from);
    g.writeFieldName(BILLED);
    g.writeNumber(billed);
    g.writeFieldName(BILLING_UNITS);
    g.writeString(CURRENCY);
  }

  /** A billed amount as the API shows it: never negative, 4 decimals. */
  static BigDecimal money(BigDecimal amount) {
    return amount.max(BigDecimal.ZERO).setScale(4, RoundingMode.HALF_UP);
  }
}
