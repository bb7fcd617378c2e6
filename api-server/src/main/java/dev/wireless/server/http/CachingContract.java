package dev.wireless.server.http;

import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contract as the router validates with it, with one change: schema validators are built once
 * per schema and reused. Vert.x OpenAPI 5.0 builds a new validator — copying the lookup table of
 * every schema in the contract — for every parameter of every request, which the profile showed
 * as about half of the server's CPU on a simple fetch. A validator keeps no state between
 * validations (each call allocates its own), so sharing one is safe.
 */
final class CachingContract {

  private CachingContract() {
  }

  static OpenAPIContract wrap(OpenAPIContract contract) {
    SchemaRepository repository = cachingRepository(contract.getSchemaRepository());
    return proxy(OpenAPIContract.class, contract, (method, args) ->
        method.getName().equals("getSchemaRepository") && method.getParameterCount() == 0 ? repository : null);
  }

  private static SchemaRepository cachingRepository(SchemaRepository repository) {
    Map<JsonSchema, Validator> validators = new ConcurrentHashMap<>();
    return proxy(SchemaRepository.class, repository, (method, args) ->
        method.getName().equals("validator") && method.getParameterCount() == 1 && args[0] instanceof JsonSchema schema
            ? validators.computeIfAbsent(schema, repository::validator) : null);
  }

  /** An override for one method: a non-null result replaces the delegate's. */
  @FunctionalInterface
  private interface Override {
    Object apply(Method method, Object[] args);
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, T delegate, Override override) {
    InvocationHandler handler = (proxy, method, args) -> {
      Object replaced = override.apply(method, args);
      if (replaced != null) {
        return replaced;
      }
      try {
        return method.invoke(delegate, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
  }
}
