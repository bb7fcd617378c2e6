package dev.wireless.server.sims;

import dev.wireless.server.common.Sids;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and checks an inventory file: a header line naming the columns ({@code iccid} required;
 * {@code eid}, {@code registration_code}, {@code unique_name}, {@code friendly_name} optional, in
 * any order), then one SIM per line. Every line is checked and every problem reported with its
 * line number, so an operator fixes the file in one pass.
 */
public final class SimCsv {

  static final Set<String> COLUMNS = Set.of("iccid", "eid", "registration_code", "unique_name", "friendly_name");

  /** The SIMs of a file, or the problems found in it (then {@code sims} must not be used). */
  public record Parsed(List<NewSim> sims, List<Integer> lineNumbers, List<String> errors) {
  }

  private SimCsv() {
  }

  public static Parsed parse(List<String> lines) {
    List<String> errors = new ArrayList<>();
    List<NewSim> sims = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>();
    if (lines.isEmpty() || lines.get(0).isBlank()) {
      return new Parsed(sims, numbers, List.of("line 1: the header line is missing (expected at least 'iccid')"));
    }
    List<String> header = fields(stripBom(lines.get(0))).stream().map(h -> h.trim().toLowerCase()).toList();
    for (String column : header) {
      if (!COLUMNS.contains(column)) {
        errors.add("line 1: unknown column '" + column + "' (known: " + String.join(", ", COLUMNS) + ")");
      }
    }
    if (!header.contains("iccid")) {
      errors.add("line 1: the header has no 'iccid' column");
    }
    if (!errors.isEmpty()) {
      return new Parsed(sims, numbers, errors);
    }
    Set<String> iccids = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      int number = i + 1;
      List<String> values = fields(lines.get(i));
      if (values.size() != header.size()) {
        errors.add("line " + number + ": expected " + header.size() + " fields, found " + values.size());
        continue;
      }
      Map<String, String> row = new HashMap<>();
      for (int c = 0; c < header.size(); c++) {
        String value = values.get(c).trim();
        row.put(header.get(c), value.isEmpty() ? null : value);
      }
      NewSim sim = new NewSim(row.get("iccid"), row.get("eid"), row.get("registration_code"), row.get("unique_name"),
          row.get("friendly_name"));
      String problem = problem(sim, iccids, names);
      if (problem != null) {
        errors.add("line " + number + ": " + problem);
      } else {
        sims.add(sim);
        numbers.add(number);
      }
    }
    return new Parsed(sims, numbers, errors);
  }

  private static String problem(NewSim sim, Set<String> iccids, Set<String> names) {
    if (sim.iccid() == null) {
      return "iccid is empty";
    }
    if (!Iccids.isValid(sim.iccid())) {
      return "ICCID '" + sim.iccid() + "' is not 19-20 digits with a valid Luhn check digit";
    }
    if (!iccids.add(sim.iccid())) {
      return "ICCID " + sim.iccid() + " appears twice in the file";
    }
    if (sim.eid() != null && !sim.eid().matches("[0-9]{32}")) {
      return "eid '" + sim.eid() + "' is not 32 digits";
    }
    if (sim.uniqueName() != null) {
      if (sim.uniqueName().length() > 64 || Sids.looksLike("DE", sim.uniqueName())) {
        return "unique_name '" + sim.uniqueName() + "' must be at most 64 characters and not look like a SIM SID";
      }
      if (!names.add(sim.uniqueName())) {
        return "unique_name '" + sim.uniqueName() + "' appears twice in the file";
      }
    }
    if (sim.friendlyName() != null && sim.friendlyName().length() > 64) {
      return "friendly_name is longer than 64 characters";
    }
    return null;
  }

  /** Splits one CSV line; fields may be double-quoted (with "" for a quote inside). */
  static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(ch);
      }
    }
    out.add(field.toString());
    return out;
  }

  private static String stripBom(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }
}
