package io.queryflux.server;

import io.helidon.metrics.api.Metrics;
import io.queryflux.server.config.ConfigException;
import io.queryflux.server.config.ConfigLoader;
import io.queryflux.server.config.ServerConfig;
import io.queryflux.server.observe.ScriptMetrics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar queryflux.jar [--config FILE] [--validate] [--help]}. */
public final class Main {
    static final int EXIT_USAGE = 64;
    static final int EXIT_CONFIG = 78;
    static final int EXIT_START = 70;

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        int exit = run(args, System.out, System.err);
        if (exit >= 0) {
            System.exit(exit);
        }
        new CountDownLatch(1).await(); // serve until the JVM is stopped
    }

    /** Returns an exit code, or -1 when the server is up and the caller should keep the JVM alive. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Path configFile = null;
        boolean validateOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    out.print(usage());
                    return 0;
                }
                case "--validate" -> validateOnly = true;
                case "--config", "-c" -> {
                    if (i + 1 >= args.length) {
                        err.println("--config needs a file name\n\n" + usage());
                        return EXIT_USAGE;
                    }
                    configFile = Path.of(args[++i]);
                }
                default -> {
                    err.println("Unknown argument: " + args[i] + "\n\n" + usage());
                    return EXIT_USAGE;
                }
            }
        }
        ConfigLoader loader = new ConfigLoader(EngineFactories.settingKeys(), System::getenv,
                new ScriptMetrics(Metrics.globalRegistry()));
        try {
            ServerConfig config = configFile == null ? loader.loadDefault() : loader.load(configFile);
            if (validateOnly) {
                QueryFluxServer.validate(config);
                out.println(config.source() + ": OK");
                return 0;
            }
            QueryFluxServer server = QueryFluxServer.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "queryflux-shutdown"));
            out.println("QueryFlux started from " + config.source() + "; " + server.describeListeners());
            return -1;
        } catch (ConfigException e) {
            err.println("Invalid config: " + e.getMessage());
            return EXIT_CONFIG;
        } catch (RuntimeException e) {
            // A port in use, an unreachable file: say what failed, not a stack trace.
            err.println("Cannot start QueryFlux: " + e.getMessage());
            return EXIT_START;
        }
    }

    static String usage() {
        return """
                Usage: java -jar queryflux.jar [--config FILE] [--validate]

                QueryFlux: a SQL proxy that routes Trino, PostgreSQL, MySQL and Flight SQL
                clients to Trino, DuckDB, PostgreSQL, StarRocks and Athena clusters.

                  --config FILE  the YAML config (QueryFlux schema). Without it, a built-in
                                 config runs one in-memory DuckDB behind the Trino HTTP
                                 frontend on port 8080, with admin, /health and /metrics on 9000.
                  --validate     check the config (and that its engines can be created), then exit.
                                 Exit code 0 when valid, 78 with file, key and reason when not.
                  --help         this text.

                Config values may use ${ENV_VAR} or ${ENV_VAR:-default}.
                """;
    }
}
