package io.chatguard.archive.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.SplittableRandom;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.chatguard.archive.sdk.ArchiveSdkException;

/**
 * The simulator's record encryption.
 *
 * <p>{@code encrypt_random_key} = base64(RSA/ECB/PKCS1Padding(randomKey as ASCII)), exactly as WeCom documents.
 * {@code encrypt_chat_msg} is the simulator's own format, since WeCom's is undocumented:
 * base64(16-byte IV || AES-256-CBC/PKCS5Padding(message JSON as UTF-8)), keyed by the 32 ASCII bytes of
 * randomKey. Stateless and thread-safe: a {@link Cipher} is created per call.
 */
final class RecordCipher {
    static final int RANDOM_KEY_LENGTH = 32;
    private static final int IV_LENGTH = 16;
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int DECRYPT_FAILED = 10006;

    private RecordCipher() {
    }

    static String randomKey(SplittableRandom random) {
        StringBuilder key = new StringBuilder(RANDOM_KEY_LENGTH);
        for (int i = 0; i < RANDOM_KEY_LENGTH; i++) {
            key.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
        }
        return key.toString();
    }

    /** RSA PKCS#1 v1.5; {@code padding} supplies the random padding bytes, so output is reproducible. */
    static String encryptRandomKey(String randomKey, RSAPublicKey publicKey, SecureRandom padding) {
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.ENCRYPT_MODE, publicKey, padding);
            return Base64.getEncoder().encodeToString(rsa.doFinal(randomKey.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA encryption failed", e);
        }
    }

    static String encryptMessage(String randomKey, byte[] iv, String json) {
        try {
            byte[] ciphertext = aes(Cipher.ENCRYPT_MODE, randomKey, iv).doFinal(json.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(iv, IV_LENGTH + ciphertext.length);
            System.arraycopy(ciphertext, 0, out, IV_LENGTH, ciphertext.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES encryption failed", e);
        }
    }

    /**
     * A ciphertext of the same length as a real one whose AES padding check is guaranteed to fail. Bytes of
     * the second-to-last block are flipped, which scrambles the padding byte of the last block; the result is
     * checked and re-flipped until it really fails, because a random last byte is 0x01 one time in 256.
     */
    static String corruptMessage(String randomKey, String encryptChatMsg) {
        byte[] data = Base64.getDecoder().decode(encryptChatMsg);
        int target = data.length - 2 * IV_LENGTH + IV_LENGTH - 1;
        for (int attempt = 1; attempt < 256; attempt++) {
            byte[] candidate = data.clone();
            candidate[target] ^= (byte) attempt;
            String encoded = Base64.getEncoder().encodeToString(candidate);
            try {
                decryptMessage(randomKey, encoded);
            } catch (ArchiveSdkException expected) {
                return encoded;
            }
        }
        throw new IllegalStateException("could not corrupt ciphertext");
    }

    static String decryptMessage(String randomKey, String encryptChatMsg) throws ArchiveSdkException {
        if (randomKey == null || randomKey.length() != RANDOM_KEY_LENGTH
                || !StandardCharsets.US_ASCII.newEncoder().canEncode(randomKey)) {
            throw new ArchiveSdkException(DECRYPT_FAILED, "random key must be 32 ASCII characters");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(encryptChatMsg == null ? "" : encryptChatMsg);
        } catch (IllegalArgumentException e) {
            throw new ArchiveSdkException(DECRYPT_FAILED, "encrypt_chat_msg is not base64");
        }
        if (data.length < 2 * IV_LENGTH || data.length % IV_LENGTH != 0) {
            throw new ArchiveSdkException(DECRYPT_FAILED, "encrypt_chat_msg has a bad length");
        }
        try {
            byte[] plain = aes(Cipher.DECRYPT_MODE, randomKey, Arrays.copyOf(data, IV_LENGTH))
                    .doFinal(data, IV_LENGTH, data.length - IV_LENGTH);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (BadPaddingException e) {
            throw new ArchiveSdkException(DECRYPT_FAILED, "bad padding");
        } catch (GeneralSecurityException e) {
            throw new ArchiveSdkException(DECRYPT_FAILED, "decryption failed");
        }
    }

    private static Cipher aes(int mode, String randomKey, byte[] iv) throws GeneralSecurityException {
        Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
        aes.init(mode, new SecretKeySpec(randomKey.getBytes(StandardCharsets.US_ASCII), "AES"),
                new IvParameterSpec(iv));
        return aes;
    }
}
