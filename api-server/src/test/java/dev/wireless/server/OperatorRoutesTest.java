package dev.wireless.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wireless.callbacks.delivery.AddressPolicy;
import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import dev.wireless.server.http.ApiRouter;
import dev.wireless.server.http.ContractDocument;
import dev.wireless.server.http.CorsPolicy;
import dev.wireless.server.http.HttpSecurity;
import dev.wireless.server.http.RateLimiter;
import dev.wireless.server.http.SecuritySettings;
import dev.wireless.server.idempotency.IdempotentRequests;
import dev.wireless.server.ops.ConsoleRoutes;
import dev.wireless.server.ops.OpsRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every operator route of the server's router is an operation of operator.yaml, and every
 * operation of operator.yaml is a route: nothing under the operator's paths is mounted by hand.
 * The router is built as the server builds it (contract routes, then the documentation and
 * console routes), without a database: no request is served.
 */
class OperatorRoutesTest {

  /** Where the operator's routes live; {@code /operator/openapi.yaml} is the contract itself. */
  private static final List<String> OPERATOR_PREFIXES = List.of("/network/", "/simulator/", "/operator/");

  private static Vertx vertx;
  private static Router router;

  @BeforeAll
  static void buildRouter() throws Exception {
    vertx = Vertx.vertx();
    ApiRouter.LoadedContract loaded = ApiRouter.loadContract(vertx).toCompletionStage().toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
    Future<String> refused = Future.failedFuture(ApiException.of(ErrorCode.UNAUTHENTICATED));
    router = ApiRouter.create(vertx, loaded, "http://localhost", 64 * 1024, request -> refused, request -> refused,
        new RateLimiter(10, 10), new IdempotentRequests(null, Duration.ofHours(1)), CorsPolicy.allowing(List.of()),
        HttpSecurity.of(new SecuritySettings(Duration.ZERO, 10, 10), AddressPolicy.fromSetting("")),
        new dev.wireless.server.ops.RequestTelemetry(false), binder -> { });
    OpsRoutes.mountDocs(router);
    ConsoleRoutes.mount(router);
  }

  @AfterAll
  static void close() {
    vertx.close();
  }

  @Test
  void theOperatorRoutesAreExactlyTheOperationsOfOperatorYaml() {
    Set<String> described = new TreeSet<>();
    JsonObject paths = ContractDocument.loadOperator().getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        described.add(method.toUpperCase() + " " + path.replaceAll("\\{([^}]+)}", ":$1"));
      }
    }
    Set<String> routed = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path == null || OPERATOR_PREFIXES.stream().noneMatch(path::startsWith)
          || path.equals("/operator/openapi.yaml")) {
        continue;
      }
      Set<HttpMethod> methods = route.methods();
      assertFalse(methods == null || methods.isEmpty(), "a route for every method: " + path);
      methods.forEach(method -> routed.add(method.name() + " " + path));
    }
    assertFalse(described.isEmpty());
    assertEquals(described, routed);
  }

  @Test
  void theOperatorContractItselfIsServed() {
    assertEquals(1, router.getRoutes().stream().filter(r -> "/operator/openapi.yaml".equals(r.getPath())).count());
  }
}
