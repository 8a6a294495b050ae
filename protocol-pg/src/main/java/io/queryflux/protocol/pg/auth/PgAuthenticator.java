package io.queryflux.protocol.pg.auth;

import static java.util.Objects.requireNonNull;

import io.queryflux.auth.AuthProvider;
import io.queryflux.auth.Identity;
import io.queryflux.protocol.pg.messages.FrontendMessage;
import io.queryflux.protocol.pg.messages.MessageReader;
import io.queryflux.protocol.pg.messages.MessageWriter;
import io.queryflux.protocol.pg.messages.PgProtocolException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Runs the authentication exchange of one connection. Every check goes through the
 * {@link AuthProvider}: trust only when it trusts declared users, SCRAM-SHA-256 and md5 from the
 * secret it reveals, cleartext through its password check (only over TLS unless allowed).
 */
public final class PgAuthenticator {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AuthProvider provider;
    private final PgAuthMethod method;
    private final boolean cleartextWithoutTls;

    public PgAuthenticator(AuthProvider provider, PgAuthMethod method, boolean cleartextWithoutTls) {
        this.provider = requireNonNull(provider, "provider is null");
        this.method = requireNonNull(method, "method is null");
        this.cleartextWithoutTls = cleartextWithoutTls;
    }

    /** Authenticates {@code user}; on success the caller sends AuthenticationOk. */
    public Identity authenticate(String user, boolean tls, MessageReader in, MessageWriter out)
            throws IOException, PgProtocolException, AuthenticationFailedException {
        if (provider.trustsDeclaredUser()) {
            return provider.identityOf(user);
        }
        boolean cleartextAllowed = tls || cleartextWithoutTls;
        Optional<String> secret = provider.secretFor(user);
        if (method == PgAuthMethod.PASSWORD || (secret.isEmpty() && cleartextAllowed)) {
            if (!cleartextAllowed) {
                throw new AuthenticationFailedException("28000",
                        "password authentication requires an SSL connection (allowCleartextWithoutTls is off)");
            }
            return cleartext(user, in, out);
        }
        // An unknown user still goes through the whole exchange, so the answer does not reveal
        // which user names exist; the random secret can never match.
        String password = secret.orElseGet(() -> HexFormat.of().formatHex(randomBytes(32)));
        boolean ok = method == PgAuthMethod.MD5 ? md5(user, password, in, out) : scram(password, in, out);
        if (!ok || secret.isEmpty()) {
            throw failed(user);
        }
        return provider.identityOf(user);
    }

    private Identity cleartext(String user, MessageReader in, MessageWriter out)
            throws IOException, PgProtocolException, AuthenticationFailedException {
        out.authenticationCleartextPassword();
        out.flush();
        byte[] data = passwordData(in);
        String password = new String(data, 0, Math.max(0, data.length - 1), StandardCharsets.UTF_8);
        return provider.verifyPassword(user, password).orElseThrow(() -> failed(user));
    }

    private static boolean md5(String user, String password, MessageReader in, MessageWriter out)
            throws IOException, PgProtocolException {
        byte[] salt = randomBytes(4);
        out.authenticationMd5Password(salt);
        out.flush();
        byte[] data = passwordData(in);
        String answer = new String(data, 0, Math.max(0, data.length - 1), StandardCharsets.US_ASCII);
        String expected = "md5" + md5Hex(concat(md5Hex((password + user).getBytes(StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.US_ASCII), salt));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                answer.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean scram(String password, MessageReader in, MessageWriter out)
            throws IOException, PgProtocolException, AuthenticationFailedException {
        ScramSha256 scram = new ScramSha256(password);
        out.authenticationSasl(List.of(ScramSha256.MECHANISM));
        out.flush();
        ByteBuffer initial = ByteBuffer.wrap(passwordData(in));
        String mechanism = cstring(initial);
        if (!ScramSha256.MECHANISM.equals(mechanism)) {
            throw new AuthenticationFailedException("28000", "unsupported SASL mechanism " + mechanism);
        }
        int length = initial.remaining() >= 4 ? initial.getInt() : -2;
        if (length < 0 || length != initial.remaining()) {
            throw new PgProtocolException("malformed SASLInitialResponse");
        }
        byte[] clientFirst = new byte[length];
        initial.get(clientFirst);
        out.authenticationSaslContinue(
                scram.serverFirst(new String(clientFirst, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        out.flush();
        Optional<String> serverFinal = scram.serverFinal(new String(passwordData(in), StandardCharsets.UTF_8));
        if (serverFinal.isEmpty()) {
            return false;
        }
        out.authenticationSaslFinal(serverFinal.get().getBytes(StandardCharsets.UTF_8));
        return true;
    }

    private static byte[] passwordData(MessageReader in) throws IOException, PgProtocolException {
        FrontendMessage message = in.read();
        if (message instanceof FrontendMessage.PasswordData data) {
            return data.data();
        }
        throw new PgProtocolException("expected a password response, got " + message.getClass().getSimpleName());
    }

    private static String cstring(ByteBuffer in) throws PgProtocolException {
        int start = in.position();
        while (in.hasRemaining()) {
            if (in.get() == 0) {
                return new String(in.array(), start, in.position() - start - 1, StandardCharsets.UTF_8);
            }
        }
        throw new PgProtocolException("malformed SASLInitialResponse");
    }

    private static AuthenticationFailedException failed(String user) {
        return new AuthenticationFailedException("28P01", "password authentication failed for user \"" + user + "\"");
    }

    static String md5Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
