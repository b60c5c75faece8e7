package io.chatguard.archive;

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

    public MessageView message(String msgid, String reader) {
        MessageView view = messages.findByMsgid(msgid)
                .map(m -> MessageView.of(m, store.media(m.id), store.evidence(m.id)))
                .orElseThrow(() -> new ChatGuardException(ProblemType.MESSAGE_NOT_FOUND, "no message " + msgid));
        audit.record(reader, "message.read", "message", msgid, Map.of());
        return view;
    }
}
