package dev.wireless.server.usage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import dev.wireless.server.model.ListUsageRecordResponse;
import dev.wireless.server.model.PageMeta;
import java.io.IOException;
import java.util.List;

/**
 * A page of one SIM's UsageRecords that writes its records itself ({@link UsageRecordJson})
 * when the platform's JSON mapper encodes it: the generated response type on the outside (the
 * operation's signature), none of its per-record model objects inside. Only the page's
 * {@code meta} goes through the mapper's model serializers.
 */
final class SimUsagePage extends ListUsageRecordResponse implements JsonSerializable {

  private final String simSid;
  private final String accountSid;
  private final List<UsageService.UsageRecordRow> rows;

  SimUsagePage(String simSid, String accountSid, List<UsageService.UsageRecordRow> rows, PageMeta meta) {
    this.simSid = simSid;
    this.accountSid = accountSid;
    this.rows = rows;
    meta(meta);
  }

  @Override
  public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
    UsageRecordJson.writePage(g, provider, simSid, accountSid, rows, getMeta());
  }

  @Override
  public void serializeWithType(JsonGenerator g, SerializerProvider provider, TypeSerializer typeSer)
      throws IOException {
    serialize(g, provider);
  }
}
