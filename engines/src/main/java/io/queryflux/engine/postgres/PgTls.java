package io.queryflux.engine.postgres;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import io.queryflux.engine.InvalidSettingException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * How the engine's connections (pgjdbc and its own protocol connections alike) use TLS to
 * PostgreSQL, with libpq's {@code sslmode} meanings: {@code disable}, {@code prefer} (TLS when
 * offered, certificate not checked; the default, as in pgjdbc), {@code require} (TLS or no
 * connection, certificate not checked), {@code verify-ca} (the certificate must chain to the
 * root certificates) and {@code verify-full} (and name the host connected to). The root
 * certificates come from {@code sslRootCert} (PEM), else from the JVM's trust store.
 */
final class PgTls {
    enum Mode {
        DISABLE, PREFER, REQUIRE, VERIFY_CA, VERIFY_FULL;

        String settingName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        boolean verifies() {
            return this == VERIFY_CA || this == VERIFY_FULL;
        }
    }

    private final Mode mode;
    private final Optional<Path> rootCertificate;
    private final SSLContext context;

    private PgTls(Mode mode, Optional<Path> rootCertificate, SSLContext context) {
        this.mode = mode;
        this.rootCertificate = rootCertificate;
        this.context = context;
    }

    /**
     * Reads the settings; a wrong mode or an unreadable root certificate is reported against its
     * key at start-up, not at the first query.
     */
    static PgTls of(String mode, String rootCertificate, String modeKey, String rootKey) {
        Mode parsed = parseMode(mode == null || mode.isBlank() ? "prefer" : mode.strip(), modeKey);
        Optional<Path> root = Optional.ofNullable(rootCertificate).filter(r -> !r.isBlank()).map(r -> Path.of(r.strip()));
        if (root.isPresent() && !parsed.verifies()) {
            throw new InvalidSettingException(rootKey, rootKey + " is used only with " + modeKey
                    + " verify-ca or verify-full, but " + modeKey + " is " + parsed.settingName());
        }
        try {
            return new PgTls(parsed, root, context(parsed, root));
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidSettingException(rootKey, "cannot read the root certificates in "
                    + root.map(Path::toString).orElse("the JVM's trust store") + ": " + e.getMessage());
        }
    }

    private static Mode parseMode(String value, String key) {
        for (Mode m : Mode.values()) {
            if (m.settingName().equalsIgnoreCase(value)) {
                return m;
            }
        }
        throw new InvalidSettingException(key, key + " must be disable, prefer, require, verify-ca or verify-full, was '"
                + value + "'");
    }

    private static SSLContext context(Mode mode, Optional<Path> root) throws IOException, GeneralSecurityException {
        TrustManager[] trust;
        if (mode.verifies()) {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(root.isPresent() ? trustStore(root.get()) : null); // null: the JVM's own
            trust = factory.getTrustManagers();
        } else {
            trust = new TrustManager[] {new AnyCertificate()};
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust, null);
        return context;
    }

    private static KeyStore trustStore(Path pem) throws IOException, GeneralSecurityException {
        if (!Files.isReadable(pem)) {
            throw new IOException("the file does not exist or cannot be read");
        }
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pem)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certificates.isEmpty()) {
            throw new IOException("the file holds no PEM certificate");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("root-" + i++, certificate);
        }
        return store;
    }

    /** Whether a connection sends an SSLRequest at all. */
    boolean asks() {
        return mode != Mode.DISABLE;
    }

    /** Whether a server that declines TLS must be refused rather than used in plain text. */
    boolean required() {
        return mode == Mode.REQUIRE || mode.verifies();
    }

    String modeName() {
        return mode.settingName();
    }

    /** Runs the TLS handshake over a socket on which PostgreSQL has answered 'S', checking what the mode asks. */
    SSLSocket handshake(Socket socket, String host, int port) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, host, port, true);
        if (mode == Mode.VERIFY_FULL) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
            tls.setSSLParameters(parameters);
        }
        tls.startHandshake();
        return tls;
    }

    /** The same choice for the pgjdbc pool's connections. */
    void configure(HikariConfig config) {
        config.addDataSourceProperty("sslmode", mode.settingName());
        if (mode.verifies()) {
            if (rootCertificate.isPresent()) {
                config.addDataSourceProperty("sslrootcert", rootCertificate.get().toString());
            } else {
                // pgjdbc would look for ~/.postgresql/root.crt; the JVM's trust store is what this engine promises.
                config.addDataSourceProperty("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory");
            }
        }
    }

    /** Accepts the server's certificate unchecked: the prefer and require modes encrypt without verifying. */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a client's trust manager checks servers only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            requireNonNull(chain, "chain is null"); // not verified, by the mode's definition
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
