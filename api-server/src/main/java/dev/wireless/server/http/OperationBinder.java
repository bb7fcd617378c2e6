package dev.wireless.server.http;

import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import dev.wireless.server.idempotency.IdempotentRequests;
import dev.wireless.server.idempotency.IdempotentRequests.StoredReply;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.HashSet;
import java.util.Set;

/**
 * Attaches operation implementations to the contract's routes (used by the generated binders):
 * builds the {@link CallContext}, invokes, and writes the {@link Reply} as JSON with the status the
 * resource chose. Any failure goes to {@code ctx.fail}, i.e. to the one {@link ErrorMapper}.
 * Operations nobody bound answer 501 with the error body.
 */
public final class OperationBinder {

  /** One operation's implementation: typed inputs in, a reply out. */
  @FunctionalInterface
  public interface Invocation {
    Future<? extends Reply<?>> invoke(CallContext call, OperationInput in);
  }

  private final RouterBuilder routes;
  private final String baseUrl;
  private final Set<String> bound = new HashSet<>();
  private final IdempotentRequests idempotency;
  private final InlineValidation validation;

  OperationBinder(RouterBuilder routes, String baseUrl, IdempotentRequests idempotency, InlineValidation validation) {
    this.validation = validation;
    this.routes = routes;
    this.baseUrl = baseUrl;
    this.idempotency = idempotency;
  }

  public void bind(String operationId, Invocation invocation) {
    OpenAPIRoute route = routes.getRoute(operationId);
    if (route == null) {
      throw new IllegalArgumentException("no operation " + operationId + " in the contract");
    }
    route.setDoValidation(false);
    route.addHandler(validation.forOperation(route.getOperation()));
    route.addHandler(ctx -> invoke(ctx, invocation));
    bound.add(operationId);
  }

  /** Every operation left without an implementation answers 501 (code 20501). */
  void answerUnboundWithNotImplemented() {
    for (OpenAPIRoute route : routes.getRoutes()) {
      String operationId = route.getOperation().getOperationId();
      if (!bound.contains(operationId)) {
        route.addHandler(ctx -> ctx.fail(ApiException.of(ErrorCode.NOT_IMPLEMENTED,
            operationId + " is not available on this server yet")));
      }
    }
  }

  private void invoke(RoutingContext ctx, Invocation invocation) {
    ValidatedRequest request = ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    CallContext call = new CallContext(ctx.get(ContractRequestExtractor.ACCOUNT_KEY), baseUrl,
        ctx.normalizedPath(), ctx.request().query(), ctx.request().getHeader("Authorization"));
    String key = ctx.request().getHeader("Idempotency-Key");
    Future<StoredReply> reply;
    if (key != null && call.accountSid() != null && ctx.request().method() == HttpMethod.POST) {
      reply = idempotency.run(call.accountSid(), key, "POST", ctx.normalizedPath(), ctx.body().buffer(),
          () -> run(call, request, invocation));
    } else {
      reply = run(call, request, invocation);
    }
    reply.onSuccess(r -> write(ctx.response(), r)).onFailure(ctx::fail);
  }

  private static Future<StoredReply> run(CallContext call, ValidatedRequest request, Invocation invocation) {
    try {
      return invocation.invoke(call, new OperationInput(request)).map(reply -> new StoredReply(reply.status(),
          reply.body() == null ? null : JsonCodec.encode(reply.body()), false));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static void write(HttpServerResponse response, StoredReply reply) {
    if (response.ended()) {
      return;
    }
    response.setStatusCode(reply.status());
    if (reply.replayed()) {
      response.putHeader("Idempotent-Replayed", "true");
    }
    if (reply.body() == null) {
      response.end();
    } else {
      response.putHeader("Content-Type", "application/json").end(reply.body());
    }
  }
}
