package io.chatguard.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * RSA private keys by WeCom {@code publickey_ver}. Every old version is kept: records encrypted
 * with it can still be re-pulled for days after a rotation.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows key material.
 */
public final class KeyRing {
    private final Map<Integer, PrivateKey> keys;

    private KeyRing(Map<Integer, PrivateKey> keys) {
        this.keys = Map.copyOf(keys);
    }

    /**
     * Builds a ring from configuration values: each is PEM text (PKCS#1 {@code BEGIN RSA PRIVATE KEY} or
     * PKCS#8 {@code BEGIN PRIVATE KEY}; literal {@code \n} sequences from environment variables are
     * accepted) or {@code file:/path/to/key.pem}.
     *
     * @throws IllegalArgumentException naming the version whose key cannot be read (never its content)
     */
    public static KeyRing fromPem(Map<Integer, String> pemByVersion) {
        Map<Integer, PrivateKey> keys = new TreeMap<>();
        pemByVersion.forEach((version, value) -> {
            try {
                keys.put(version, parse(resolve(value)));
            } catch (RuntimeException | GeneralSecurityException e) {
                throw new IllegalArgumentException("private key for publickey_ver " + version
                        + " cannot be read: " + e.getClass().getSimpleName(), e);
            }
        });
        return new KeyRing(keys);
    }

    public Optional<PrivateKey> key(int version) {
        return Optional.ofNullable(keys.get(version));
    }

    public java.util.Set<Integer> versions() {
        return new java.util.TreeSet<>(keys.keySet());
    }

    @Override
    public String toString() {
        return "KeyRing" + versions();
    }

    private static String resolve(String value) {
        if (value.startsWith("file:")) {
            try {
                return Files.readString(Path.of(value.substring("file:".length())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return value.replace("\\n", "\n");
    }

    static PrivateKey parse(String pem) throws GeneralSecurityException {
        boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
        if (!pkcs1 && !pem.contains("BEGIN PRIVATE KEY")) {
            throw new GeneralSecurityException("not a PEM private key");
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1 ? wrapPkcs1(der) : der));
    }

    /** PKCS#8 PrivateKeyInfo around a PKCS#1 RSAPrivateKey: version 0, rsaEncryption, the key. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] rsaAlgorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
                0x01, 0x01, 0x05, 0x00};
        byte[] octetString = der(0x04, pkcs1);
        var body = new ByteArrayOutputStream();
        body.writeBytes(version);
        body.writeBytes(rsaAlgorithm);
        body.writeBytes(octetString);
        return der(0x30, body.toByteArray());
    }

    private static byte[] der(int tag, byte[] content) {
        var out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((length >>> (8 * i)) & 0xff);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
