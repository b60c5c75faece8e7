package io.chatguard.archive;

/**
 * A media file of a message.
 *
 * @param index 0 for the message body, 1.. for nested items
 * @param kind image, voice, video, emotion, file, …
 * @param md5sum MD5 WeCom reported
 * @param size bytes
 * @param objectKey key in the evidence bucket, null when the download failed
 * @param sha256 SHA-256 of the stored file
 * @param status stored or failed
 * @param error why the download failed
 */
public record MediaView(int index, String kind, String md5sum, Long size, String objectKey, String sha256,
        String status, String error) {
}
