package io.chatguard.archive;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;

import io.chatguard.archive.message.MessageParseException;
import io.chatguard.archive.message.MessageParser;
import io.chatguard.archive.message.ParsedMessage;
import io.chatguard.archive.sdk.ArchiveSdk;
import io.chatguard.archive.sdk.ArchiveSdkException;

/**
 * Turns one encrypted archive record into a parsed message: RSA-decrypts the random key with the
 * private key of the record's {@code publickey_ver}, has the SDK decrypt the message, parses it.
 * Anything wrong with the record itself quarantines it; SDK failures that are not about this record
 * propagate so the batch is retried. Thread-safe.
 */
final class RecordDecoder {
    private final KeyRing keys;
    private final ArchiveSdk sdk;
    private final MessageParser parser;

    RecordDecoder(KeyRing keys, ArchiveSdk sdk, MessageParser parser) {
        this.keys = keys;
        this.sdk = sdk;
        this.parser = parser;
    }

    RecordOutcome decode(ChatDataRecord record) throws ArchiveSdkException {
        if (record.msgid() == null || record.encryptRandomKey() == null || record.encryptChatMsg() == null) {
            return quarantine(record, "missing_fields", "record lacks msgid, encrypt_random_key or encrypt_chat_msg");
        }
        byte[] encryptedKey;
        try {
            encryptedKey = Base64.getDecoder().decode(record.encryptRandomKey());
        } catch (IllegalArgumentException e) {
            return quarantine(record, "bad_base64", "encrypt_random_key is not base64: " + e.getMessage());
        }
        Optional<PrivateKey> key = keys.key(record.publickeyVer());
        if (key.isEmpty()) {
            return quarantine(record, "unknown_key_version", "no private key for publickey_ver " + record.publickeyVer()
                    + " (configured: " + keys.versions() + ")");
        }
        String randomKey;
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.DECRYPT_MODE, key.get());
            randomKey = new String(rsa.doFinal(encryptedKey), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            return quarantine(record, "rsa_decrypt_failed", "encrypt_random_key does not decrypt with key version "
                    + record.publickeyVer() + ": " + e.getClass().getSimpleName());
        }
        String json;
        try {
            json = sdk.decryptData(randomKey, record.encryptChatMsg());
        } catch (ArchiveSdkException e) {
            if (e.isTransient() || e.isFatal()) {
                throw e;
            }
            return quarantine(record, "decrypt_failed", "DecryptData failed: " + e.getMessage());
        }
        ParsedMessage message;
        try {
            message = parser.parse(json);
        } catch (MessageParseException e) {
            return quarantine(record, e.reason(), e.getMessage());
        }
        if (!record.msgid().equals(message.msgid())) {
            return quarantine(record, "msgid_mismatch", "record msgid " + record.msgid()
                    + " differs from decrypted msgid " + message.msgid());
        }
        return new RecordOutcome.Decoded(record, json, message);
    }

    private static RecordOutcome quarantine(ChatDataRecord record, String reason, String detail) {
        return new RecordOutcome.Quarantined(record, reason, detail);
    }
}
