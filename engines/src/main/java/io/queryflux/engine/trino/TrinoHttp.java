package io.queryflux.engine.trino;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trino's client HTTP protocol: submit a statement, follow {@code nextUri}, cancel with DELETE,
 * read {@code /v1/info}. Shared by all queries of one cluster.
 */
final class TrinoHttp implements AutoCloseable {
    /** Without PARAMETRIC_DATETIME Trino rounds every time and timestamp to milliseconds. */
    private static final String CLIENT_CAPABILITIES = "PARAMETRIC_DATETIME";
    private static final String USER_AGENT = "QueryFlux";
    /** Trino answers 502/503/504 while overloaded or restarting; the official client retries them. */
    private static final Duration RETRY_BUDGET = Duration.ofSeconds(30);

    private final TrinoClusterConfig config;
    private final HttpClient client;
    private final ObjectMapper mapper = new ObjectMapper();

    TrinoHttp(TrinoClusterConfig config) {
        this.config = requireNonNull(config, "config is null");
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10));
        if (config.insecureSkipVerify()) {
            builder.sslContext(trustAllContext());
        }
        this.client = builder.build();
    }

    /** POST /v1/statement with the query's session as X-Trino-* headers. */
    TrinoPage submit(EngineQuery query) throws QueryException {
        HttpRequest.Builder request = request(config.endpoint().resolve("/v1/statement"))
                .POST(HttpRequest.BodyPublishers.ofString(query.sql(), StandardCharsets.UTF_8))
                .header("X-Trino-User", query.user())
                .header("X-Trino-Source", query.source().orElse(USER_AGENT))
                .header("X-Trino-Client-Capabilities", CLIENT_CAPABILITIES)
                .header("X-Trino-Trace-Token", query.queryId());
        query.catalog().or(config::defaultCatalog).ifPresent(c -> request.header("X-Trino-Catalog", c));
        query.schema().or(config::defaultSchema).ifPresent(s -> request.header("X-Trino-Schema", s));
        if (!query.clientTags().isEmpty()) {
            request.header("X-Trino-Client-Tags", String.join(",", query.clientTags()));
        }
        if (!query.sessionProperties().isEmpty()) {
            request.header("X-Trino-Session", sessionHeader(query.sessionProperties()));
        }
        return page(send(request.build(), false));
    }

    /** GET a {@code nextUri}; safe to retry, since the URI carries the page token. */
    TrinoPage fetch(URI nextUri) throws QueryException {
        return page(send(request(nextUri).GET().build(), true));
    }

    /** DELETE a {@code nextUri}, which cancels the query; fire and forget. */
    void cancel(URI nextUri) {
        client.sendAsync(request(nextUri).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    /** GET /v1/info; the caller turns failures into an unhealthy state. */
    JsonNode info(Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = request(config.endpoint().resolve("/v1/info")).timeout(timeout).GET().build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("GET /v1/info returned HTTP " + response.statusCode());
            }
            return mapper.readTree(body);
        }
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header("User-Agent", USER_AGENT);
        config.authorization().ifPresent(a -> builder.header("Authorization", a));
        return builder;
    }

    /** Trino splits the header on commas and URL-decodes each value. */
    private static String sessionHeader(Map<String, String> properties) {
        return properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining(","));
    }

    private HttpResponse<InputStream> send(HttpRequest request, boolean idempotent) throws QueryException {
        long deadline = System.nanoTime() + RETRY_BUDGET.toNanos();
        long backoffMillis = 50;
        while (true) {
            try {
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                if (status == 200) {
                    return response;
                }
                String body = readSome(response);
                if (!retryable(status) || System.nanoTime() > deadline) {
                    throw httpError(request, status, body);
                }
            } catch (IOException e) {
                if (!idempotent || System.nanoTime() > deadline) {
                    throw new QueryException(ErrorCode.EXTERNAL_ERROR,
                            "Cannot reach Trino at " + config.endpoint() + ": " + e, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QueryException(ErrorCode.USER_CANCELED, "Interrupted while waiting for Trino", e);
            }
            sleep(backoffMillis);
            backoffMillis = Math.min(backoffMillis * 2, 1000);
        }
    }

    private static boolean retryable(int status) {
        return status == 502 || status == 503 || status == 504;
    }

    private QueryException httpError(HttpRequest request, int status, String body) {
        String what = request.method() + " " + request.uri().getPath() + " on Trino " + config.endpoint()
                + " returned HTTP " + status;
        if (status == 401 || status == 403) {
            return new QueryException(ErrorCode.EXTERNAL_ERROR, what + ": the cluster rejected the proxy's credentials");
        }
        return new QueryException(ErrorCode.EXTERNAL_ERROR, body.isBlank() ? what : what + ": " + body);
    }

    private static String readSome(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            return new String(body.readNBytes(500), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private TrinoPage page(HttpResponse<InputStream> response) throws QueryException {
        try (InputStream body = response.body()) {
            return TrinoPage.from(mapper.readTree(body));
        } catch (IOException e) {
            throw new QueryException(ErrorCode.EXTERNAL_ERROR, "Cannot read Trino's response: " + e.getMessage(), e);
        }
    }

    private static void sleep(long millis) throws QueryException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryException(ErrorCode.USER_CANCELED, "Interrupted while waiting for Trino", e);
        }
    }

    /** Accepts every certificate and host name: an X509ExtendedTrustManager also skips the host check. */
    private static SSLContext trustAllContext() {
        TrustManager trustAll = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {}

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No TLS support in this JVM", e);
        }
    }

    @Override
    public void close() {
        client.shutdownNow();
    }
}
