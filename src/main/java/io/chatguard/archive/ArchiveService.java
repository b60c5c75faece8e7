package io.chatguard.archive;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.chatguard.platform.error.ChatGuardException;
import io.chatguard.platform.error.ProblemType;
import io.chatguard.security.AccessAudit;

/** Reads archived messages. Every read of chat content by a person is written to the audit log. */
@ApplicationScoped
@Transactional
public class ArchiveService {
    private final ChatMessageRepository messages;
    private final ArchiveStore store;
    private final AccessAudit audit;

    ArchiveService(ChatMessageRepository messages, ArchiveStore store, AccessAudit audit) {
        this.messages = messages;
        this.store = store;
        this.audit = audit;
    }

    /** The texts of messages {@code ids} (those that exist), in id order, for scanning; not a read by a person. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<MessageText> texts(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return messages.listByIds(ids).stream().map(m -> new MessageText(m.id, m.msgid, m.sender, m.tolist, m.roomid,
                m.conversationId, m.msgtime, m.msgtype, m.contentText)).toList();
    }

    /**
     * Ids above {@code afterId}, in order, of messages stored before {@code storedBefore} — a time by which
     * every transaction that could still commit a lower id has ended.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Long> messageIdsAfter(long afterId, Instant storedBefore, int limit) {
        return messages.idsAfter(afterId, storedBefore, limit);
    }

    public MessageView message(String msgid, String reader) {
        MessageView view = messages.findByMsgid(msgid)
                .map(m -> MessageView.of(m, store.media(m.id), store.evidence(m.id)))
                .orElseThrow(() -> new ChatGuardException(ProblemType.MESSAGE_NOT_FOUND, "no message " + msgid));
        audit.record(reader, "message.read", "message", msgid, Map.of());
        return view;
    }
}
