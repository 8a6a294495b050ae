package io.queryflux.protocol.pg.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server side of one SCRAM-SHA-256 exchange (RFC 5802/7677, as PostgreSQL uses it: the
 * user name in the SASL message is ignored, no channel binding). The stored key is derived from
 * the cleartext secret with a fresh salt per exchange.
 */
final class ScramSha256 {
    static final String MECHANISM = "SCRAM-SHA-256";
    private static final int ITERATIONS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] saltedPassword;
    private final byte[] salt;
    private final String serverNonce;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;

    ScramSha256(String password) {
        this.salt = random(16);
        this.saltedPassword = hi(password, salt);
        this.serverNonce = Base64.getEncoder().encodeToString(random(18));
    }

    /** Parses client-first-message, returns server-first-message. */
    String serverFirst(String clientFirst) throws AuthenticationFailedException {
        if (!(clientFirst.startsWith("n,") || clientFirst.startsWith("y,"))) {
            throw malformed("channel binding is not supported");
        }
        int bareStart = clientFirst.indexOf(',', 2);
        if (bareStart < 0) {
            throw malformed("missing client-first-message-bare");
        }
        clientFirstBare = clientFirst.substring(bareStart + 1);
        String clientNonce = attributes(clientFirstBare).get('r');
        if (clientNonce == null || clientNonce.isEmpty()) {
            throw malformed("missing client nonce");
        }
        nonce = clientNonce + serverNonce;
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + ITERATIONS;
        return serverFirst;
    }

    /** Checks client-final-message; returns server-final-message when the proof is right. */
    Optional<String> serverFinal(String clientFinal) throws AuthenticationFailedException {
        int proofAt = clientFinal.lastIndexOf(",p=");
        if (proofAt < 0) {
            throw malformed("missing proof");
        }
        String withoutProof = clientFinal.substring(0, proofAt);
        Map<Character, String> attributes = attributes(clientFinal);
        if (!nonce.equals(attributes.get('r'))) {
            throw malformed("nonce does not match");
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(attributes.get('p'));
        } catch (IllegalArgumentException e) {
            throw malformed("proof is not base64");
        }
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientKey = hmac(saltedPassword, "Client Key");
        byte[] storedKey = sha256(clientKey);
        byte[] clientSignature = hmac(storedKey, authMessage);
        if (proof.length != clientSignature.length) {
            return Optional.empty();
        }
        byte[] candidate = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            candidate[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        if (!MessageDigest.isEqual(sha256(candidate), storedKey)) {
            return Optional.empty();
        }
        byte[] serverSignature = hmac(hmac(saltedPassword, "Server Key"), authMessage);
        return Optional.of("v=" + Base64.getEncoder().encodeToString(serverSignature));
    }

    private static Map<Character, String> attributes(String message) {
        Map<Character, String> attributes = new HashMap<>();
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(1) == '=') {
                attributes.putIfAbsent(part.charAt(0), part.substring(2));
            }
        }
        return attributes;
    }

    private static AuthenticationFailedException malformed(String why) {
        return new AuthenticationFailedException("08P01", "malformed SCRAM message: " + why);
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static byte[] hi(String password, byte[] salt) {
        try {
            SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            return factory.generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        }
    }

    static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
