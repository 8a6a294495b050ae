package io.queryflux.protocol.mysql.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import javax.crypto.Cipher;

/**
 * The RSA key pair for caching_sha2_password's full authentication without TLS: the client
 * asks for the public key and sends the password encrypted with it. Generated at start-up;
 * clients fetch it on demand, so it need not be stable across restarts.
 */
public final class RsaKeys {
    private final KeyPair keyPair;
    private final byte[] publicKeyPem;

    private RsaKeys(KeyPair keyPair) {
        this.keyPair = keyPair;
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keyPair.getPublic().getEncoded());
        this.publicKeyPem = ("-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    public static RsaKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new RsaKeys(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
    }

    byte[] publicKeyPem() {
        return publicKeyPem.clone();
    }

    /**
     * Decrypts what the client sent. MySQL 8 clients use OAEP padding; older ones PKCS#1 v1.5,
     * so that is tried when OAEP fails.
     */
    byte[] decrypt(byte[] cipherText) throws AuthenticationFailedException {
        for (String transformation : new String[] {"RSA/ECB/OAEPWithSHA-1AndMGF1Padding", "RSA/ECB/PKCS1Padding"}) {
            try {
                Cipher cipher = Cipher.getInstance(transformation);
                cipher.init(Cipher.DECRYPT_MODE, keyPair.getPrivate());
                return cipher.doFinal(cipherText);
            } catch (GeneralSecurityException e) {
                // try the next padding
            }
        }
        throw new AuthenticationFailedException("cannot decrypt the RSA-encrypted password");
    }
}
