package io.chatguard.archive.message;

import java.util.Objects;

/**
 * A media file referenced by a message.
 *
 * @param index position of the file within the message: 0 for a top-level body, 1.. for nested items
 *        in document order (stable across parses of the same JSON)
 * @param kind image, voice, video, emotion, file, meeting_voice_call or voip_doc_share
 * @param sdkfileid what GetMediaData takes
 * @param md5sum lowercase hex MD5 WeCom reports, or {@code ""} when it reports none
 * @param size size WeCom reports in bytes, or -1 when unknown
 * @param extension file extension to store it under (jpg, amr, mp4, gif, png, the file's own fileext)
 */
public record MediaRef(int index, String kind, String sdkfileid, String md5sum, long size, String extension) {
    public MediaRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sdkfileid, "sdkfileid");
        md5sum = md5sum == null ? "" : md5sum.toLowerCase(java.util.Locale.ROOT);
        extension = extension == null || extension.isBlank() ? "bin" : extension;
    }
}
