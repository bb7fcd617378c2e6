package dev.wireless.server.sims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimCsvTest {

  private static final String GOOD = Iccids.random("01");
  private static final String OTHER = Iccids.random("01");

  @Test
  void readsColumnsInAnyOrderWithQuotes() {
    SimCsv.Parsed parsed = SimCsv.parse(List.of("friendly_name,iccid,unique_name",
        "\"Tracker, \"\"north\"\"\"," + GOOD + ",t-1", "", ",\t" + OTHER + ","));
    assertEquals(List.of(), parsed.errors());
    assertEquals(List.of(new NewSim(GOOD, null, null, "t-1", "Tracker, \"north\""),
        new NewSim(OTHER, null, null, null, null)), parsed.sims());
    assertEquals(List.of(2, 4), parsed.lineNumbers());
  }

  @Test
  void namesEveryBadLine() {
    String badLuhn = GOOD.substring(0, 18) + ((GOOD.charAt(18) - '0' + 1) % 10);
    SimCsv.Parsed parsed = SimCsv.parse(List.of("iccid,eid,unique_name", GOOD + ",,a", badLuhn + ",,b",
        GOOD + ",,c", OTHER + ",123,d", "1,2"));
    assertEquals(4, parsed.errors().size(), parsed.errors().toString());
    assertTrue(parsed.errors().get(0).startsWith("line 3: ICCID"), parsed.errors().get(0));
    assertTrue(parsed.errors().get(1).startsWith("line 4:") && parsed.errors().get(1).contains("twice"));
    assertTrue(parsed.errors().get(2).startsWith("line 5: eid"));
    assertTrue(parsed.errors().get(3).startsWith("line 6: expected 3 fields"));
  }

  @Test
  void headerProblems() {
    assertTrue(SimCsv.parse(List.of()).errors().get(0).contains("header"));
    assertTrue(SimCsv.parse(List.of("eid,colour")).errors().toString().contains("unknown column 'colour'"));
    assertTrue(SimCsv.parse(List.of("eid")).errors().toString().contains("no 'iccid' column"));
  }
}
