package dev.wireless.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DatabaseLocationTest {

  @Test
  void theUsualUrlFormsAreAccepted() {
    for (String url : new String[] {"postgresql://app:s3cret@db.internal:6543/wireless",
        "postgres://app:s3cret@db.internal:6543/wireless",
        "jdbc:postgresql://db.internal:6543/wireless?user=app&password=s3cret"}) {
      DatabaseLocation location = DatabaseLocation.fromUrl(url);
      assertEquals("db.internal", location.host(), url);
      assertEquals(6543, location.port(), url);
      assertEquals("wireless", location.database(), url);
      assertEquals("app", location.user(), url);
      assertEquals("s3cret", location.password(), url);
      assertEquals("jdbc:postgresql://db.internal:6543/wireless", location.jdbcUrl());
    }
  }

  @Test
  void badUrlsAreRefusedWithoutEchoingThePassword() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> DatabaseLocation.fromUrl("mysql://app:s3cret@db/wireless"));
    assertTrue(error.getMessage().contains("postgresql://"), error.getMessage());
    assertFalse(error.getMessage().contains("s3cret"), error.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DatabaseLocation.fromUrl(" "));
  }

  @Test
  void toStringHidesThePassword() {
    assertFalse(DatabaseLocation.fromUrl("postgresql://app:s3cret@db:5432/w").toString().contains("s3cret"));
  }
}
