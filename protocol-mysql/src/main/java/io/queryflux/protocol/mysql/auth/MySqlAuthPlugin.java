package io.queryflux.protocol.mysql.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/** The authentication plugins the proxy verifies, with the response each expects. */
public enum MySqlAuthPlugin {
    /** SHA1(pw) XOR SHA1(nonce + SHA1(SHA1(pw))). */
    MYSQL_NATIVE_PASSWORD("mysql_native_password") {
        @Override
        byte[] expectedResponse(String password, byte[] nonce) {
            byte[] stage1 = digest("SHA-1", utf8(password));
            byte[] stage2 = digest("SHA-1", stage1);
            return xor(stage1, digest("SHA-1", nonce, stage2));
        }
    },
    /** SHA256(pw) XOR SHA256(SHA256(SHA256(pw)) + nonce). */
    CACHING_SHA2_PASSWORD("caching_sha2_password") {
        @Override
        byte[] expectedResponse(String password, byte[] nonce) {
            byte[] stage1 = digest("SHA-256", utf8(password));
            byte[] stage2 = digest("SHA-256", stage1);
            return xor(stage1, digest("SHA-256", stage2, nonce));
        }
    };

    private final String pluginName;

    MySqlAuthPlugin(String pluginName) {
        this.pluginName = pluginName;
    }

    public String pluginName() {
        return pluginName;
    }

    public static Optional<MySqlAuthPlugin> fromName(String name) {
        return Arrays.stream(values()).filter(p -> p.pluginName.equals(name)).findFirst();
    }

    /** What a client that knows {@code password} answers to {@code nonce}. */
    abstract byte[] expectedResponse(String password, byte[] nonce);

    /**
     * Checks a client's scrambled response in constant time. An empty password is sent as an
     * empty response by every client.
     */
    boolean matches(String password, byte[] nonce, byte[] response) {
        if (password.isEmpty() || response.length == 0) {
            return password.isEmpty() && response.length == 0;
        }
        return MessageDigest.isEqual(expectedResponse(password, nonce), response);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] digest(String algorithm, byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            for (byte[] part : parts) {
                md.update(part);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] result = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            result[i] = (byte) (a[i] ^ b[i]);
        }
        return result;
    }
}
