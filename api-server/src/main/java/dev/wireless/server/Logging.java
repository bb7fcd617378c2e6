package dev.wireless.server;

/** Log levels for the runnable jar (slf4j-simple): info for the platform, warnings for libraries. */
final class Logging {

  private Logging() {
  }

  static void configure() {
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "info");
    setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
    setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
    setIfAbsent("org.slf4j.simpleLogger.log.org.flywaydb", "warn");
    setIfAbsent("org.slf4j.simpleLogger.log.io.zonky", "warn");
    setIfAbsent("org.slf4j.simpleLogger.log.io.vertx", "warn");
    setIfAbsent("org.slf4j.simpleLogger.log.io.netty", "warn");
    setIfAbsent("org.jooq.no-logo", "true");
    setIfAbsent("org.jooq.no-tips", "true");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
