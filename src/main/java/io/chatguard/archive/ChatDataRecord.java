package io.chatguard.archive;

/**
 * One entry of a GetChatData response, with its exact bytes as received.
 *
 * @param seq archive sequence number
 * @param msgid message id (visible before decryption)
 * @param publickeyVer version of the public key that encrypted {@code encryptRandomKey}
 * @param encryptRandomKey base64 of the RSA-encrypted random key
 * @param encryptChatMsg the encrypted message as the SDK expects it
 * @param offset byte offset of this entry inside the response
 * @param length byte length of this entry inside the response
 */
record ChatDataRecord(long seq, String msgid, int publickeyVer, String encryptRandomKey, String encryptChatMsg,
        int offset, int length) {
}
