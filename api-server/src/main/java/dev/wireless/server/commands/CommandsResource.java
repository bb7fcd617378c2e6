package dev.wireless.server.commands;

import dev.wireless.server.api.CommandsApi;
import dev.wireless.server.common.Timestamps;
import dev.wireless.server.http.CallContext;
import dev.wireless.server.http.Reply;
import dev.wireless.server.model.Command;
import dev.wireless.server.model.CommandDirection;
import dev.wireless.server.model.CommandIncludeSid;
import dev.wireless.server.model.CommandMode;
import dev.wireless.server.model.CommandStatus;
import dev.wireless.server.model.CommandTransport;
import dev.wireless.server.model.HttpMethod;
import dev.wireless.server.model.ListCommandResponse;
import dev.wireless.server.paging.PageMetaBuilder;
import dev.wireless.server.paging.PageRequest;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Commands over HTTP: maps API models to {@link CommandService} and back. The response shows the
 * Command as the client sent it ({@code command}), not the over-the-air text with an added SID.
 */
public final class CommandsResource implements CommandsApi {

  private final CommandService service;

  public CommandsResource(CommandService service) {
    this.service = service;
  }

  @Override
  public Future<Reply<Command>> createCommand(CallContext call, String command, String sim, HttpMethod callbackMethod,
                                              String callbackUrl, CommandMode commandMode, CommandIncludeSid includeSid,
                                              Boolean deliveryReceiptRequested) {
    CommandService.NewCommand request = new CommandService.NewCommand(command, sim,
        commandMode == null ? "text" : commandMode.getValue(),
        includeSid == null ? "none" : includeSid.getValue(),
        deliveryReceiptRequested == null || deliveryReceiptRequested,
        callbackUrl,
        callbackMethod == null ? "POST" : callbackMethod.getValue());
    return service.create(call.account(), request).map(row -> Reply.created(toModel(call, row)));
  }

  @Override
  public Future<Reply<Command>> fetchCommand(CallContext call, String sid) {
    return service.fetch(call.account(), sid, call.path()).map(row -> Reply.ok(toModel(call, row)));
  }

  @Override
  public Future<Reply<ListCommandResponse>> listCommand(CallContext call, String sim, CommandStatus status,
                                                        CommandDirection direction, CommandTransport transport,
                                                        Integer pageSize, Integer page, String pageToken) {
    PageRequest request = PageRequest.of(pageSize, page, pageToken);
    Map<String, String> filters = new LinkedHashMap<>();
    filters.put("Sim", sim);
    filters.put("Status", status == null ? null : status.getValue());
    filters.put("Direction", direction == null ? null : direction.getValue());
    filters.put("Transport", transport == null ? null : transport.getValue());
    return service.list(call.account(), sim, filters.get("Status"), filters.get("Direction"),
            filters.get("Transport"), request)
        .map(result -> Reply.ok(new ListCommandResponse()
            .commands(result.items().stream().map(row -> toModel(call, row)).toList())
            .meta(PageMetaBuilder.meta(call, "commands", filters, request, result))));
  }

  @Override
  public Future<Reply<Void>> deleteCommand(CallContext call, String sid) {
    return service.delete(call.account(), sid, call.path()).map(v -> Reply.noContent());
  }

  static Command toModel(CallContext call, CommandRow row) {
    return new Command()
        .sid(row.sid())
        .accountSid(row.accountSid())
        .simSid(row.simSid())
        .command(row.command())
        .commandMode(CommandMode.fromValue(row.mode()))
        .transport(CommandTransport.fromValue(row.transport()))
        .deliveryReceiptRequested(row.receiptRequested())
        .status(CommandStatus.fromValue(row.status()))
        .direction(CommandDirection.fromValue(row.direction()))
        .dateCreated(Timestamps.api(row.createdAt()))
        .dateUpdated(Timestamps.api(row.updatedAt()))
        .url(call.url("/v1/Commands/" + row.sid()));
  }
}
