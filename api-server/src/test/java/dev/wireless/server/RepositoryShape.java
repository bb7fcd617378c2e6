package dev.wireless.server;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/**
 * The check behind {@link ArchitectureTest#repositoriesAreCreatedOnTheirClient}: a static method
 * that takes a {@link SqlClient} or returns a {@link Future} runs statements outside the
 * repository's own client, the shape the persistence README rules out (static repository
 * methods, rebinding with {@code on(tx)}).
 */
final class RepositoryShape {

  private RepositoryShape() {
  }

  static ArchCondition<JavaMethod> notRunStatementsStatically() {
    return new ArchCondition<>("neither take a SqlClient nor return a Future") {
      @Override
      public void check(JavaMethod method, ConditionEvents events) {
        boolean takesClient = method.getRawParameterTypes().stream().anyMatch(RepositoryShape::isClient);
        boolean returnsFuture = method.getRawReturnType().isAssignableTo(Future.class);
        if (takesClient || returnsFuture) {
          events.add(SimpleConditionEvent.violated(method, method.getFullName()
              + (takesClient ? " takes a SqlClient" : " returns a Future")
              + ": create the repository on its client and make this an instance method"));
        }
      }
    };
  }

  private static boolean isClient(JavaClass type) {
    return type.isAssignableTo(SqlClient.class);
  }
}
