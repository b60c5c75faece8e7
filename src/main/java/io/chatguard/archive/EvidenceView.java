package io.chatguard.archive;

/**
 * Where a message's evidence lives: bytes {@code [offset, offset + length)} of an object in the
 * evidence bucket, with their SHA-256.
 *
 * @param kind encrypted_record, decrypted_json or import_line
 * @param objectKey object key in the evidence bucket
 * @param offset byte offset of the message's record inside the object
 * @param length byte length of the record
 * @param sha256 SHA-256 of those bytes
 */
public record EvidenceView(String kind, String objectKey, long offset, int length, String sha256) {
}
