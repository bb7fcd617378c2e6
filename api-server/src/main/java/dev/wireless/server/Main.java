package dev.wireless.server;

import dev.wireless.persistence.DatabaseRuntime;
import dev.wireless.persistence.Migrations;
import dev.wireless.server.accounts.AccountService;
import dev.wireless.server.config.ServerConfig;
import dev.wireless.server.ingestion.EventFileLoader;
import dev.wireless.server.ops.Telemetry;
import dev.wireless.server.sims.SimInventory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar wireless-server.jar [serve | migrate | accounts create [--friendly-name N] [--parent AC…] |
 * accounts rotate-token AC…]}. Settings come from WIRELESS_* environment variables.
 */
public final class Main {

  private static final String USAGE = """
      usage: java -jar wireless-server.jar [command]
        serve                                      start the platform (default)
        dispatcher                                 run only a callback dispatcher (scale-out)
        migrate                                    apply database migrations and exit
        accounts create [--friendly-name NAME] [--parent ACxxx]
                                                   create an account; prints its SID and Auth Token
        accounts rotate-token ACxxx                issue a new Auth Token (the old one stays valid as secondary)
        sims import FILE.csv --account ACxxx       register SIM cards (status new) on an account; columns:
                                                   iccid, eid, registration_code, unique_name, friendly_name
                                                   (header line first; all or nothing; idempotent on ICCID)
        events load FILE.json                      apply a file of network events (see docs/network-events.md)
        startup-training                           the build's run for the class-data archive (StartupTraining)
      """;

  private Main() {
  }

  public static void main(String[] args) {
    Logging.configure();
    List<String> argv = Arrays.asList(args);
    String command = argv.isEmpty() ? "serve" : argv.get(0);
    try {
      ServerConfig config = ServerConfig.fromEnvironment();
      switch (command) {
        case "serve" -> serve(config);
        case "dispatcher" -> StandaloneDispatcher.run(config);
        case "migrate" -> exit(withDatabase(config, (vertx, pool) -> Future.succeededFuture("migrations applied")));
        case "accounts" -> exit(accounts(config, argv.subList(1, argv.size())));
        case "sims" -> {
          try {
            exit(sims(config, argv.subList(1, argv.size())));
          } catch (IllegalArgumentException e) {
            fail("sims import refused:\n" + e.getMessage());
          }
        }
        case "events" -> exit(events(config, argv.subList(1, argv.size())));
        case "startup-training" -> {
          StartupTraining.run();
          exit("startup training done");
        }
        case "help", "--help", "-h" -> System.out.print(USAGE);
        default -> fail("unknown command '" + command + "'\n" + USAGE);
      }
    } catch (IllegalArgumentException e) {
      fail("configuration error: " + e.getMessage());
    } catch (Exception e) {
      fail("cannot start: " + rootMessage(e));
    }
  }

  private static void serve(ServerConfig config) {
    Vertx vertx = Telemetry.newVertx(config.eventLoops());
    WirelessServer.start(vertx, config).onSuccess(server -> {
      PrintStream out = System.out;
      out.println("Programmable Wireless " + Telemetry.version() + " is listening on " + server.baseUrl());
      if (server.demoCredentials() != null) {
        out.println("Demo account: ACCOUNT_SID=" + server.demoCredentials().accountSid()
            + " AUTH_TOKEN=" + server.demoCredentials().authToken()
            + "  (saved in " + config.dataDir().resolve("demo-credentials.env") + ")");
        out.println("Try: curl -k -H \"Authorization: Bearer " + server.demoCredentials().authToken() + "\" "
            + server.baseUrl() + "/v1/RatePlans");
      } else {
        out.println("No demo account (WIRELESS_DEMO=false, the default with WIRELESS_DB_URL);"
            + " create accounts with: java -jar wireless-server.jar accounts create");
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          // the drain period, then up to 10 s for requests in flight and the rest of the stop
          server.stop().toCompletionStage().toCompletableFuture()
              .get(config.shutdownDrain().toMillis() + 20_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
          System.err.println("shutdown did not complete cleanly: " + e.getMessage());
        } finally {
          server.database().close(); // the embedded Postgres never outlives the node (idempotent)
        }
      }, "wireless-shutdown"));
    }).onFailure(e -> {
      fail("cannot start: " + rootMessage(e));
    });
  }

  private static String accountsUsage() {
    return "accounts needs 'create' or 'rotate-token ACxxx'\n" + USAGE;
  }

  private static String accounts(ServerConfig config, List<String> args) {
    if (args.isEmpty()) {
      throw new IllegalArgumentException(accountsUsage());
    }
    return switch (args.get(0)) {
      case "create" -> withDatabase(config, (vertx, pool) -> service(pool, config).compose(accounts -> accounts
          .create(option(args, "--friendly-name"), option(args, "--parent"))
          .map(created -> "ACCOUNT_SID=" + created.accountSid() + "\nAUTH_TOKEN=" + created.authToken())));
      case "rotate-token" -> {
        if (args.size() < 2) {
          throw new IllegalArgumentException(accountsUsage());
        }
        String sid = args.get(1);
        yield withDatabase(config, (vertx, pool) -> service(pool, config).compose(accounts -> accounts.rotateToken(sid))
            .map(token -> token.map(t -> "ACCOUNT_SID=" + sid + "\nAUTH_TOKEN=" + t
                    + "\n(the previous token stays valid as the secondary token until the next rotation)")
                .orElseThrow(() -> new IllegalArgumentException("no account " + sid))));
      }
      default -> throw new IllegalArgumentException(accountsUsage());
    };
  }

  private static String sims(ServerConfig config, List<String> args) {
    String account = option(args, "--account");
    if (args.size() < 2 || !args.get(0).equals("import") || account == null || args.get(1).startsWith("--")) {
      throw new IllegalArgumentException("sims needs 'import FILE.csv --account ACxxx'\n" + USAGE);
    }
    java.nio.file.Path file = java.nio.file.Path.of(args.get(1));
    List<String> lines;
    try {
      lines = java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
    return withDatabase(config, (vertx, pool) -> new SimInventory(pool).importFile(account, lines)
        .map(done -> "imported " + done.added() + " SIMs onto " + account + " from " + file + " ("
            + done.alreadyPresent() + " already present, " + done.lines() + " lines)"));
  }

  private static String events(ServerConfig config, List<String> args) {
    if (args.size() != 2 || !args.get(0).equals("load")) {
      throw new IllegalArgumentException("events needs 'load FILE.json'\n" + USAGE);
    }
    io.vertx.core.json.JsonArray events = EventFileLoader.read(java.nio.file.Path.of(args.get(1)));
    return withDatabase(config,
        (vertx, pool) -> new EventFileLoader(Services.ingestion(pool, config)).load(events));
  }

  /** The account service, with a master key checked against the database first ({@link MasterKeyCheck}). */
  private static Future<AccountService> service(Pool pool, ServerConfig config) {
    return dev.wireless.server.config.MasterKeyCheck.resolve(pool, config)
        .map(box -> new AccountService(pool, config.accessTokenTtl(), box));
  }

  private static String option(List<String> args, String name) {
    int at = args.indexOf(name);
    return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : null;
  }

  /** Opens (and migrates) the database, runs {@code work} on a pool, closes everything. */
  private static String withDatabase(ServerConfig config, java.util.function.BiFunction<Vertx, Pool, Future<String>> work) {
    Vertx vertx = Vertx.vertx();
    try (DatabaseRuntime database = DatabaseRuntime.open(config.dbUrl(), config.dataDir())) {
      Migrations.migrate(database.location());
      Pool pool = PgBuilder.pool().connectingTo(database.location().connectOptions()).using(vertx).build();
      try {
        return work.apply(vertx, pool).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      } finally {
        pool.close();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalArgumentException(rootMessage(e.getCause()));
    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    } finally {
      vertx.close();
    }
  }

  private static void exit(String output) {
    System.out.println(output);
    System.exit(0);
  }

  private static void fail(String message) {
    System.err.println(message);
    System.exit(1);
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }

}
