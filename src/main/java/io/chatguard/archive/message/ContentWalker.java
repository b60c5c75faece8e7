package io.chatguard.archive.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.chatguard.archive.message.MessageContent.Calendar;
import io.chatguard.archive.message.MessageContent.Card;
import io.chatguard.archive.message.MessageContent.ChatRecord;
import io.chatguard.archive.message.MessageContent.Collect;
import io.chatguard.archive.message.MessageContent.DocMsg;
import io.chatguard.archive.message.MessageContent.Emotion;
import io.chatguard.archive.message.MessageContent.ExternalRedPacket;
import io.chatguard.archive.message.MessageContent.File;
import io.chatguard.archive.message.MessageContent.Image;
import io.chatguard.archive.message.MessageContent.Link;
import io.chatguard.archive.message.MessageContent.Location;
import io.chatguard.archive.message.MessageContent.Markdown;
import io.chatguard.archive.message.MessageContent.Meeting;
import io.chatguard.archive.message.MessageContent.MeetingVoiceCall;
import io.chatguard.archive.message.MessageContent.Mixed;
import io.chatguard.archive.message.MessageContent.News;
import io.chatguard.archive.message.MessageContent.QyDiskFile;
import io.chatguard.archive.message.MessageContent.RedPacket;
import io.chatguard.archive.message.MessageContent.SphFeed;
import io.chatguard.archive.message.MessageContent.Text;
import io.chatguard.archive.message.MessageContent.Todo;
import io.chatguard.archive.message.MessageContent.Unknown;
import io.chatguard.archive.message.MessageContent.Video;
import io.chatguard.archive.message.MessageContent.Voice;
import io.chatguard.archive.message.MessageContent.VoipDocShare;
import io.chatguard.archive.message.MessageContent.Vote;
import io.chatguard.archive.message.MessageContent.Weapp;

/** Collects the readable text and the media references of a parsed body, nested items included. Stateless. */
final class ContentWalker {
    private ContentWalker() {
    }

    /** Every human-readable string in document order, joined by {@code "\n"}; {@code ""} when there is none. */
    static String text(MessageContent content) {
        List<String> parts = new ArrayList<>();
        collectText(content, parts);
        return String.join("\n", parts);
    }

    private static void collectText(MessageContent content, List<String> out) {
        switch (content) {
            case Text t -> add(out, t.content());
            case Link l -> add(out, l.title(), l.description());
            case Weapp w -> add(out, w.title(), w.description(), w.displayname());
            case File f -> add(out, f.filename());
            case Card c -> add(out, c.corpname());
            case Location l -> add(out, l.address(), l.title());
            case Todo t -> add(out, t.title(), t.content());
            case Vote v -> {
                add(out, v.votetitle());
                v.voteitem().forEach(item -> add(out, item));
            }
            case Collect c -> {
                add(out, c.roomName(), c.title());
                c.details().forEach(d -> add(out, d.ques()));
            }
            case RedPacket r -> add(out, r.wish());
            case ExternalRedPacket r -> add(out, r.wish());
            case Meeting m -> add(out, m.topic(), m.remarks(), m.address());
            case DocMsg d -> add(out, d.title());
            case Markdown m -> add(out, m.content());
            case News n -> n.items().forEach(i -> add(out, i.title(), i.description()));
            case Calendar c -> add(out, c.title(), c.place(), c.remarks());
            case VoipDocShare v -> add(out, v.filename());
            case QyDiskFile q -> add(out, q.filename());
            case SphFeed s -> add(out, s.sphName(), s.feedDesc());
            case ChatRecord r -> {
                add(out, r.title());
                r.items().forEach(i -> collectText(i.content(), out));
            }
            case Mixed m -> m.items().forEach(i -> collectText(i.content(), out));
            // Unparseable nested content is kept as text so that scanning still sees it.
            case Unknown u when u.body() == null -> add(out, u.raw());
            default -> {
                // Media-only, control and unknown bodies carry no readable text.
            }
        }
    }

    private static void add(List<String> out, String... pieces) {
        for (String piece : pieces) {
            if (piece != null && !piece.isEmpty()) {
                out.add(piece);
            }
        }
    }

    /**
     * Media files in document order. The top-level body has index 0; nested items are numbered 1, 2, 3…
     * in pre-order (every item counts, media or not), and a file carries the number of its item.
     */
    static List<MediaRef> media(MessageContent content) {
        List<MediaRef> out = new ArrayList<>();
        collectMedia(content, 0, new int[] {1}, out);
        return out;
    }

    private static void collectMedia(MessageContent content, int index, int[] nextIndex, List<MediaRef> out) {
        switch (content) {
            case Image i -> add(out, index, "image", i.sdkfileid(), i.md5sum(), i.filesize(), "jpg");
            case Voice v -> add(out, index, "voice", v.sdkfileid(), v.md5sum(), v.voiceSize(), "amr");
            case Video v -> add(out, index, "video", v.sdkfileid(), v.md5sum(), v.filesize(), "mp4");
            case Emotion e -> add(out, index, "emotion", e.sdkfileid(), e.md5sum(), e.imagesize(),
                    emotionExtension(e.type()));
            case File f -> add(out, index, "file", f.sdkfileid(), f.md5sum(), f.filesize(),
                    safeExtension(f.fileext()));
            case MeetingVoiceCall m -> add(out, index, "meeting_voice_call", m.sdkfileid(), m.md5sum(), m.filesize(),
                    safeExtension(m.fileext()));
            case VoipDocShare v -> add(out, index, "voip_doc_share", v.sdkfileid(), v.md5sum(), v.filesize(),
                    extensionOf(v.filename()));
            case ChatRecord r -> r.items().forEach(i -> collectMedia(i.content(), nextIndex[0]++, nextIndex, out));
            case Mixed m -> m.items().forEach(i -> collectMedia(i.content(), nextIndex[0]++, nextIndex, out));
            default -> {
            }
        }
    }

    private static void add(List<MediaRef> out, int index, String kind, String sdkfileid, String md5sum, Long size,
            String extension) {
        // Without an sdkfileid there is nothing GetMediaData could fetch.
        if (sdkfileid != null && !sdkfileid.isEmpty()) {
            out.add(new MediaRef(index, kind, sdkfileid, md5sum, size == null ? -1 : size, extension));
        }
    }

    private static String emotionExtension(Integer type) {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case 1 -> "gif";
            case 2 -> "png";
            default -> null;
        };
    }

    /** Lower-case extension after the last dot of a file name, or {@code null}. */
    static String extensionOf(String filename) {
        if (filename == null) {
            return null;
        }
        int dot = filename.lastIndexOf('.');
        return dot < 0 ? null : safeExtension(filename.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The extension when it is short and alphanumeric, else {@code null}: it ends up in storage keys. */
    private static String safeExtension(String ext) {
        if (ext == null || ext.isEmpty() || ext.length() > 16) {
            return null;
        }
        for (int i = 0; i < ext.length(); i++) {
            char c = ext.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return null;
            }
        }
        return ext;
    }
}
