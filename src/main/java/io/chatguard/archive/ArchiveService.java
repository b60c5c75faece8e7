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
        return messages.textsByIds(ids);
    }

    /**
     * Message {@code id} with up to {@code n} messages of its conversation on each side, in time order; just
     * the message when its conversation is unknown, empty when there is no such message. For a reviewer's
     * alert view: the caller records the read.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<MessageText> context(long id, int n) {
        ChatMessage m = messages.findById(id);
        if (m == null) {
            return List.of();
        }
        var out = new java.util.ArrayList<ChatMessage>();
        if (m.conversationId != null && n > 0) {
            out.addAll(messages.neighbours(m, n, true).reversed());
            out.add(m);
            out.addAll(messages.neighbours(m, n, false));
        } else {
            out.add(m);
        }
        return out.stream().map(x -> new MessageText(x.id, x.msgid, x.sender, x.tolist, x.roomid, x.conversationId,
                x.msgtime, x.msgtype, x.contentText)).toList();
    }

    /** Ids above {@code afterId}, in order, of messages sent in {@code [from, to)}; null bounds are open. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Long> messageIdsInPeriod(long afterId, Instant from, Instant to, int limit) {
        return messages.idsInPeriod(afterId, from, to, limit);
    }

    /** How many messages were sent in {@code [from, to)}; null bounds are open. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long countInPeriod(Instant from, Instant to) {
        return messages.countInPeriod(from, to);
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
