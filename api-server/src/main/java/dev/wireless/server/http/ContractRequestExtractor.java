package dev.wireless.server.http;

import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import dev.wireless.server.errors.OAuthError;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ValidatableRequest;

/**
 * The first step of every contract route: refuse an address throttled for failed
 * authentications ({@link AuthFailureThrottle}), authenticate when the operation's {@code security}
 * requires it (so a caller without credentials learns nothing, not even which parameter is
 * wrong) — an operator operation with the operator's token, which acts for no account and so is
 * not rate-limited per account — then hand the request to validation — its values read by {@link RequestValues} (each
 * decoded exactly once), form bodies converted by {@link FormBodyAdapter}.
 */
final class ContractRequestExtractor implements RequestExtractor {

  /** Routing-context key of the authenticated account SID. */
  static final String ACCOUNT_KEY = RoutingKeys.ACCOUNT_SID;

  private final RequestExtractor bodyExtractor = new RequestValues();
  private final FormBodyAdapter forms;
  private final PublicOperations publicOperations;
  private final Authenticator authenticator;
  private final Authenticator operator;
  private final RateLimiter rateLimiter;
  private final AuthFailureThrottle authFailures;

  ContractRequestExtractor(FormBodyAdapter forms, PublicOperations publicOperations, Authenticator authenticator,
                           Authenticator operator, RateLimiter rateLimiter, AuthFailureThrottle authFailures) {
    this.operator = operator;
    this.rateLimiter = rateLimiter;
    this.authFailures = authFailures;
    this.forms = forms;
    this.publicOperations = publicOperations;
    this.authenticator = authenticator;
  }

  @Override
  public Future<ValidatableRequest> extractValidatableRequest(RoutingContext ctx, Operation operation) {
    ctx.put(RoutingKeys.OPERATION_ID, operation.getOperationId());
    OAuthError.markIfTokenEndpoint(ctx, operation);
    long throttled = authFailures.retryAfter(ctx.request());
    if (throttled > 0) {
      return Future.failedFuture(ApiException.of(ErrorCode.TOO_MANY_REQUESTS,
          "Too many failed authentications from this address; retry after " + throttled + " s")
          .withHeaders(java.util.Map.of("Retry-After", Long.toString(throttled))));
    }
    boolean isPublic = publicOperations.isPublic(operation.getOperationId());
    if (isPublic) {
      // a public operation that checks credentials itself (the OAuth token endpoint) answers 401 on a wrong secret
      ctx.addHeadersEndHandler(v -> {
        if (ctx.response().getStatusCode() == 401) {
          authFailures.failed(ctx.request());
        }
      });
    }
    Future<Void> authenticated = isPublic
        ? Future.succeededFuture()
        : publicOperations.isOperator(operation.getOperationId())
        ? countFailure(ctx, operator.authenticate(ctx.request())).mapEmpty()
        : countFailure(ctx, authenticator.authenticate(ctx.request())).map(accountSid -> {
          ctx.put(ACCOUNT_KEY, accountSid);
          long retryAfter = rateLimiter.acquire(accountSid);
          if (retryAfter > 0) {
            throw ApiException.of(ErrorCode.TOO_MANY_REQUESTS, "Too many requests for this account; retry after "
                + retryAfter + " s").withHeaders(java.util.Map.of("Retry-After", Long.toString(retryAfter)));
          }
          return null;
        });
    return authenticated
        .compose(v -> bodyExtractor.extractValidatableRequest(ctx, operation))
        .map(request -> forms.hasFormBody(operation.getOperationId()) ? forms.adapt(request, operation) : request);
  }

  private Future<String> countFailure(RoutingContext ctx, Future<String> authentication) {
    return authentication.onFailure(e -> {
      if (e instanceof ApiException api && api.code() == ErrorCode.UNAUTHENTICATED) {
        authFailures.failed(ctx.request());
      }
    });
  }
}
