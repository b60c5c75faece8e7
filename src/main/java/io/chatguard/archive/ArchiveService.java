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
    private final io.chatguard.platform.storage.EvidenceStore evidenceStore;

    ArchiveService(ChatMessageRepository messages, ArchiveStore store, AccessAudit audit,
            io.chatguard.platform.storage.EvidenceStore evidenceStore) {
        this.messages = messages;
        this.store = store;
        this.audit = audit;
        this.evidenceStore = evidenceStore;
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
        return contexts(List.of(id), n).getOrDefault(id, List.of());
    }

    /**
     * {@link #context} for many messages at once (a report page), by message id; messages that do not exist
     * are absent. The caller records the read.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public java.util.Map<Long, List<MessageText>> contexts(List<Long> ids, int n) {
        return ids.isEmpty() ? java.util.Map.of() : messages.contexts(ids, n);
    }

    /** {@code m} with up to {@code n} messages of its conversation on each side, in time order. */
    private List<ChatMessage> around(ChatMessage m, int n) {
        var out = new java.util.ArrayList<ChatMessage>();
        if (m.conversationId != null && n > 0) {
            out.addAll(messages.neighbours(m, n, true).reversed());
            out.add(m);
            out.addAll(messages.neighbours(m, n, false));
        } else {
            out.add(m);
        }
        return out;
    }

    /**
     * Signals above {@code afterId}, in id order, detected before {@code detectedBefore} (a time by which
     * every transaction that could still commit a lower id has ended).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public List<ArchiveSignal> signalsAfter(long afterId, Instant detectedBefore, int limit) {
        List<Object[]> rows = messages.getEntityManager().createNativeQuery("select id, kind, source, seq_from, seq_to, msgid,"
                + " pre_msgid, sender, detected_at from archive_signal where id > ?1 and detected_at < ?2 order by id")
                .setParameter(1, afterId).setParameter(2, detectedBefore).setMaxResults(limit).getResultList();
        return rows.stream().map(r -> new ArchiveSignal(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                r[3] == null ? null : ((Number) r[3]).longValue(), r[4] == null ? null : ((Number) r[4]).longValue(),
                (String) r[5], (String) r[6], (String) r[7], toInstant(r[8]))).toList();
    }

    /** How many messages {@code sender} recalled in {@code [from, to)}, by signal time. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long recallCount(String sender, Instant from, Instant to) {
        return ((Number) messages.getEntityManager().createNativeQuery("select count(*) from archive_signal"
                + " where kind = 'recall' and sender = ?1 and detected_at >= ?2 and detected_at < ?3")
                .setParameter(1, sender).setParameter(2, from).setParameter(3, to).getSingleResult()).longValue();
    }

    /** The employee group ({@code employee.employee_group}) of each of {@code userids} that has one. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, String> employeeGroups(java.util.Collection<String> userids) {
        return employeeColumn("employee_group", userids);
    }

    /** The department ({@code employee.department}) of each of {@code userids} that has one. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, String> employeeDepartments(java.util.Collection<String> userids) {
        return employeeColumn("department", userids);
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> employeeColumn(String column, java.util.Collection<String> userids) {
        if (userids.isEmpty()) {
            return Map.of();
        }
        var out = new java.util.HashMap<String, String>();
        // column is one of this class's constants, never input.
        for (Object[] r : (List<Object[]>) messages.getEntityManager().createNativeQuery("select userid, " + column
                + " from employee where userid = any(?1) and " + column + " is not null")
                .setParameter(1, userids.toArray(String[]::new)).getResultList()) {
            out.put((String) r[0], (String) r[1]);
        }
        return out;
    }

    /** The id of the message with {@code msgid}, if stored. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public java.util.Optional<Long> messageId(String msgid) {
        return msgid == null ? java.util.Optional.empty() : messages.findByMsgid(msgid).map(m -> m.id);
    }

    private static Instant toInstant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case java.time.OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("unexpected timestamp " + value);
        };
    }

    /**
     * The texts of up to {@code limit} messages with ids in {@code (afterId, upToId]} sent in {@code [from, to)}
     * (null bounds are open), in id order, for a rescan; not a read by a person.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<StoredText> textsInPeriod(long afterId, long upToId, Instant from, Instant to, int limit) {
        return messages.textsInPeriod(afterId, upToId, from, to, limit);
    }

    /** How many messages were sent in {@code [from, to)} (null bounds are open), and their lowest and highest ids. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PeriodExtent extentOf(Instant from, Instant to) {
        return messages.extentOf(from, to);
    }

    /**
     * Ids above {@code afterId}, in order, of messages stored before {@code storedBefore} — a time by which
     * every transaction that could still commit a lower id has ended.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Long> messageIdsAfter(long afterId, Instant storedBefore, int limit) {
        return messages.idsAfter(afterId, storedBefore, limit);
    }

    /**
     * Message {@code msgid} with up to {@code around} messages of its conversation on each side, with their
     * media; the read is audited.
     */
    public ConversationView conversation(String msgid, int around, String reader) {
        ChatMessage m = messages.findByMsgid(msgid)
                .orElseThrow(() -> new ChatGuardException(ProblemType.MESSAGE_NOT_FOUND, "no message " + msgid));
        var entries = new java.util.ArrayList<ConversationView.Entry>();
        for (ChatMessage x : around(m, around)) {
            entries.add(new ConversationView.Entry(x.msgid, x.action, x.sender, x.tolist, x.roomid == null ? "" : x.roomid,
                    x.msgtime, x.msgtype, x.contentText, store.media(x.id)));
        }
        audit.record(reader, "conversation.read", "message", msgid, Map.of("around", around, "messages", entries.size()));
        return new ConversationView(msgid, entries);
    }

    /**
     * The stored media file {@code index} of message {@code msgid}, streamed from object storage; the read
     * is audited. The caller closes the stream.
     */
    @Transactional(Transactional.TxType.NEVER)
    public StoredMedia media(String msgid, int index, String reader) {
        MediaView media = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            ChatMessage m = messages.findByMsgid(msgid)
                    .orElseThrow(() -> new ChatGuardException(ProblemType.MESSAGE_NOT_FOUND, "no message " + msgid));
            MediaView found = store.media(m.id).stream().filter(x -> x.index() == index).findFirst()
                    .orElseThrow(() -> new ChatGuardException(ProblemType.OBJECT_NOT_FOUND,
                            "message " + msgid + " has no media " + index));
            if (found.objectKey() == null) {
                throw new ChatGuardException(ProblemType.OBJECT_NOT_FOUND,
                        "media " + index + " of message " + msgid + " was not stored: " + found.error());
            }
            audit.record(reader, "media.read", "message", msgid, Map.of("index", index, "sha256", String.valueOf(found.sha256())));
            return found;
        });
        // Opened after the read is recorded and committed: no transaction waits on object storage.
        return new StoredMedia(media, evidenceStore.get(media.objectKey()));
    }

    /**
     * A media file as stored.
     *
     * @param media what is known of it
     * @param content its bytes; the caller closes
     */
    public record StoredMedia(MediaView media, java.io.InputStream content) {
    }

    public MessageView message(String msgid, String reader) {
        MessageView view = messages.findByMsgid(msgid)
                .map(m -> MessageView.of(m, store.media(m.id), store.evidence(m.id)))
                .orElseThrow(() -> new ChatGuardException(ProblemType.MESSAGE_NOT_FOUND, "no message " + msgid));
        audit.record(reader, "message.read", "message", msgid, Map.of());
        return view;
    }
}
