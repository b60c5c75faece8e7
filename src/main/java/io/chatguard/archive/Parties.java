package io.chatguard.archive;

import java.util.TreeSet;

import io.chatguard.archive.message.ParsedMessage;

/** Who is staff and who is external, and which conversation a message belongs to. */
final class Parties {
    private Parties() {
    }

    /** WeCom external contact ids start with wm (customers) or wo (their corp's other users). */
    static boolean isExternal(String id) {
        return id.startsWith("wm") || id.startsWith("wo");
    }

    /**
     * {@code room:<roomid>} for group chats, {@code single:<a>|<b>} (sorted participants) for 1:1
     * chats, null for records that belong to no conversation (switch).
     */
    static String conversationKey(ParsedMessage m) {
        if (!m.roomid().isEmpty()) {
            return "room:" + m.roomid();
        }
        if ("switch".equals(m.action()) || m.from() == null) {
            return null;
        }
        var participants = new TreeSet<String>(m.tolist());
        participants.add(m.from());
        return "single:" + String.join("|", participants);
    }
}
