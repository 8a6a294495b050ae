package io.queryflux.protocol.mysql.auth;

import static java.util.Objects.requireNonNull;

import io.queryflux.auth.AuthProvider;
import io.queryflux.auth.Identity;
import io.queryflux.protocol.mysql.codec.AuthMoreData;
import io.queryflux.protocol.mysql.codec.AuthSwitchRequest;
import io.queryflux.protocol.mysql.codec.HandshakeResponse;
import io.queryflux.protocol.mysql.codec.MalformedPacketException;
import io.queryflux.protocol.mysql.codec.PayloadWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * Checks a client's credentials after the handshake response, through the {@link AuthProvider}.
 *
 * <p>When the provider can reveal the user's secret, mysql_native_password and
 * caching_sha2_password responses are verified directly (caching_sha2's "fast path"). When it
 * cannot (it only verifies passwords), caching_sha2_password's full authentication obtains the
 * cleartext password: sent as is over TLS, or RSA-encrypted with the proxy's public key. A
 * client that starts with another plugin, or with mysql_native_password when no secret is
 * available, gets an AuthSwitchRequest.
 */
public final class MySqlAuthenticator {
    private static final byte FAST_AUTH_SUCCESS = 3;
    private static final byte PERFORM_FULL_AUTHENTICATION = 4;
    private static final byte REQUEST_PUBLIC_KEY = 2;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AuthProvider provider;
    private final RsaKeys rsaKeys;
    private final MySqlAuthPlugin defaultPlugin;

    public MySqlAuthenticator(AuthProvider provider, RsaKeys rsaKeys, MySqlAuthPlugin defaultPlugin) {
        this.provider = requireNonNull(provider, "provider is null");
        this.rsaKeys = requireNonNull(rsaKeys, "rsaKeys is null");
        this.defaultPlugin = requireNonNull(defaultPlugin, "defaultPlugin is null");
    }

    public MySqlAuthPlugin defaultPlugin() {
        return defaultPlugin;
    }

    /** A fresh 20-byte challenge of printable characters, as MySQL servers send. */
    public static byte[] newScramble() {
        byte[] scramble = new byte[20];
        for (int i = 0; i < scramble.length; i++) {
            scramble[i] = (byte) (33 + RANDOM.nextInt(94));
        }
        return scramble;
    }

    /**
     * Runs the exchange; on success the caller sends OK.
     *
     * @param scramble the challenge sent in the greeting
     */
    public Identity authenticate(HandshakeResponse response, byte[] scramble, AuthChannel channel)
            throws IOException, MalformedPacketException, AuthenticationFailedException {
        String user = response.user();
        if (provider.trustsDeclaredUser()) {
            return provider.identityOf(user);
        }
        Optional<String> secret = provider.secretFor(user);
        Optional<MySqlAuthPlugin> requested = response.authPlugin().isEmpty()
                ? Optional.of(MySqlAuthPlugin.MYSQL_NATIVE_PASSWORD)
                : response.authPlugin().flatMap(MySqlAuthPlugin::fromName);
        MySqlAuthPlugin plugin;
        byte[] nonce = scramble;
        byte[] authData = response.authResponse();
        if (requested.isEmpty() || (requested.get() == MySqlAuthPlugin.MYSQL_NATIVE_PASSWORD && secret.isEmpty())) {
            // Without a secret only caching_sha2's full authentication can obtain the password.
            plugin = secret.isEmpty() ? MySqlAuthPlugin.CACHING_SHA2_PASSWORD : defaultPlugin;
            nonce = newScramble();
            channel.send(new AuthSwitchRequest(plugin.pluginName(), nonce).encode(new PayloadWriter()));
            authData = channel.receive();
        } else {
            plugin = requested.get();
        }
        return switch (plugin) {
            case MYSQL_NATIVE_PASSWORD -> verifyScramble(plugin, user, secret.orElseThrow(), nonce, authData);
            case CACHING_SHA2_PASSWORD -> secret.isPresent()
                    ? fastPath(user, secret.get(), nonce, authData, channel)
                    : fullAuthentication(user, nonce, channel);
        };
    }

    private Identity fastPath(String user, String secret, byte[] nonce, byte[] authData, AuthChannel channel)
            throws IOException, AuthenticationFailedException {
        Identity identity = verifyScramble(MySqlAuthPlugin.CACHING_SHA2_PASSWORD, user, secret, nonce, authData);
        if (authData.length > 0) {
            channel.send(new AuthMoreData(new byte[] {FAST_AUTH_SUCCESS}).encode(new PayloadWriter()));
        }
        return identity;
    }

    private Identity verifyScramble(MySqlAuthPlugin plugin, String user, String secret, byte[] nonce, byte[] authData)
            throws AuthenticationFailedException {
        if (!plugin.matches(secret, nonce, authData)) {
            throw denied(user, !secret.isEmpty() || authData.length > 0);
        }
        return provider.identityOf(user);
    }

    private Identity fullAuthentication(String user, byte[] nonce, AuthChannel channel)
            throws IOException, MalformedPacketException, AuthenticationFailedException {
        channel.send(new AuthMoreData(new byte[] {PERFORM_FULL_AUTHENTICATION}).encode(new PayloadWriter()));
        byte[] data = channel.receive();
        byte[] password;
        if (channel.secure()) {
            password = data;
        } else if (data.length == 1 && data[0] == REQUEST_PUBLIC_KEY) {
            channel.send(new AuthMoreData(rsaKeys.publicKeyPem()).encode(new PayloadWriter()));
            password = unscramble(rsaKeys.decrypt(channel.receive()), nonce);
        } else {
            throw new AuthenticationFailedException("Access denied for user '" + user
                    + "': caching_sha2_password full authentication needs TLS or the server's RSA public key"
                    + " (Connector/J: allowPublicKeyRetrieval=true)");
        }
        String cleartext = new String(withoutTrailingNul(password), StandardCharsets.UTF_8);
        return provider.verifyPassword(user, cleartext).orElseThrow(() -> denied(user, !cleartext.isEmpty()));
    }

    private static byte[] unscramble(byte[] decrypted, byte[] nonce) {
        byte[] result = new byte[decrypted.length];
        for (int i = 0; i < decrypted.length; i++) {
            result[i] = (byte) (decrypted[i] ^ nonce[i % nonce.length]);
        }
        return result;
    }

    private static byte[] withoutTrailingNul(byte[] data) {
        return data.length > 0 && data[data.length - 1] == 0 ? Arrays.copyOf(data, data.length - 1) : data;
    }

    private static AuthenticationFailedException denied(String user, boolean usingPassword) {
        return new AuthenticationFailedException("Access denied for user '" + user + "' (using password: "
                + (usingPassword ? "YES" : "NO") + ")");
    }
}
