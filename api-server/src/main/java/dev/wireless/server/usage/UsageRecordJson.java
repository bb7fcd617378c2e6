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
    commands(g, r.cells());
    data(g, r.cells());
    g.writeEndObject();
  }

  private static void data(JsonGenerator g, List<UsageCell> cells) throws IOException {
    long homeUp = 0;
    long homeDown = 0;
    long nationalUp = 0;
    long nationalDown = 0;
    BigDecimal homeBilled = BigDecimal.ZERO;
    BigDecimal nationalBilled = BigDecimal.ZERO;
    long up = 0;
    long down = 0;
    BigDecimal abroadBilled = BigDecimal.ZERO;
    for (UsageCell c : cells) {
      switch (c.roaming()) {
        case "home" -> {
          homeUp += c.dataUp();
          homeDown += c.dataDown();
          homeBilled = homeBilled.add(c.dataBilled());
        }
        case "national" -> {
          nationalUp += c.dataUp();
          nationalDown += c.dataDown();
          nationalBilled = nationalBilled.add(c.dataBilled());
        }
        default -> {
          up += c.dataUp();
          down += c.dataDown();
          abroadBilled = abroadBilled.add(money(c.dataBilled()));
        }
      }
    }
    homeBilled = money(homeBilled);
    nationalBilled = money(nationalBilled);
    up += homeUp + nationalUp;
    down += homeDown + nationalDown;
    g.writeFieldName(DATA);
    g.writeStartObject();
    dataCounts(g, down, up, homeBilled.add(nationalBilled).add(abroadBilled));
    g.writeFieldName(HOME);
    g.writeStartObject();
    dataCounts(g, homeDown, homeUp, homeBilled);
    g.writeEndObject();
    g.writeFieldName(NATIONAL_ROAMING);
    g.writeStartObject();
    dataCounts(g, nationalDown, nationalUp, nationalBilled);
    g.writeEndObject();
    g.writeFieldName(INTERNATIONAL_ROAMING);
    g.writeStartArray();
    for (UsageCell c : cells) {
      if (international(c)) {
        g.writeStartObject();
        g.writeFieldName(COUNTRY_CODE);
        g.writeString(c.countryCode());
        dataCounts(g, c.dataDown(), c.dataUp(), money(c.dataBilled()));
        g.writeEndObject();
      }
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void commands(JsonGenerator g, List<UsageCell> cells) throws IOException {
    long homeTo = 0;
    long homeFrom = 0;
    long nationalTo = 0;
    long nationalFrom = 0;
    BigDecimal homeBilled = BigDecimal.ZERO;
    BigDecimal nationalBilled = BigDecimal.ZERO;
    long to = 0;
    long from = 0;
    BigDecimal abroadBilled = BigDecimal.ZERO;
    for (UsageCell c : cells) {
      switch (c.roaming()) {
        case "home" -> {
          homeTo += c.toSim();
          homeFrom += c.fromSim();
          homeBilled = homeBilled.add(c.commandsBilled());
        }
        case "national" -> {
          nationalTo += c.toSim();
          nationalFrom += c.fromSim();
          nationalBilled = nationalBilled.add(c.commandsBilled());
        }
        default -> {
          to += c.toSim();
          from += c.fromSim();
          abroadBilled = abroadBilled.add(money(c.commandsBilled()));
        }
      }
    }
    homeBilled = money(homeBilled);
    nationalBilled = money(nationalBilled);
    to += homeTo + nationalTo;
    from += homeFrom + nationalFrom;
    g.writeFieldName(COMMANDS);
    g.writeStartObject();
    commandCounts(g, from, to, homeBilled.add(nationalBilled).add(abroadBilled));
    g.writeFieldName(HOME);
    g.writeStartObject();
    commandCounts(g, homeFrom, homeTo, homeBilled);
    g.writeEndObject();
    g.writeFieldName(NATIONAL_ROAMING);
    g.writeStartObject();
    commandCounts(g, nationalFrom, nationalTo, nationalBilled);
    g.writeEndObject();
    g.writeFieldName(INTERNATIONAL_ROAMING);
    g.writeStartArray();
    for (UsageCell c : cells) {
      if (international(c)) {
        g.writeStartObject();
        g.writeFieldName(COUNTRY_CODE);
        g.writeString(c.countryCode());
        commandCounts(g, c.fromSim(), c.toSim(), money(c.commandsBilled()));
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
