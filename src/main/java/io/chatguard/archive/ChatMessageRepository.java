package io.chatguard.archive;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class ChatMessageRepository implements PanacheRepositoryBase<ChatMessage, Long> {

    Optional<ChatMessage> findByMsgid(String msgid) {
        return find("msgid", msgid).firstResultOptional();
    }

    /** The texts of messages {@code ids}, in id order, without loading the stored records. */
    List<MessageText> textsByIds(List<Long> ids) {
        return getEntityManager().createQuery("select new io.chatguard.archive.MessageText(m.id, m.msgid, m.sender, m.tolist,"
                + " m.roomid, m.conversationId, m.msgtime, m.msgtype, m.contentText) from ChatMessage m where m.id in ?1 order by m.id",
                MessageText.class).setParameter(1, ids).getResultList();
    }

    /**
     * Up to {@code n} messages of the conversation sent before ({@code before} true) or after message
     * {@code m}, nearest first; ties in time are ordered by id.
     */
    List<ChatMessage> neighbours(ChatMessage m, int n, boolean before) {
        String q = before
                ? "conversationId = ?1 and (msgtime < ?2 or (msgtime = ?2 and id < ?3)) order by msgtime desc, id desc"
                : "conversationId = ?1 and (msgtime > ?2 or (msgtime = ?2 and id > ?3)) order by msgtime, id";
        return find(q, m.conversationId, m.msgtime, m.id).page(0, n).list();
    }

    /** Ids above {@code afterId} of messages sent in {@code [from, to)} (either bound may be null), in id order. */
    List<Long> idsInPeriod(long afterId, Instant from, Instant to, int limit) {
        return getEntityManager().createQuery("select m.id from ChatMessage m where m.id > :after"
                + " and (cast(:from as Instant) is null or m.msgtime >= :from) and (cast(:to as Instant) is null or m.msgtime < :to)"
                + " order by m.id", Long.class)
                .setParameter("after", afterId).setParameter("from", from).setParameter("to", to)
                .setMaxResults(limit).getResultList();
    }

    long countInPeriod(Instant from, Instant to) {
        return getEntityManager().createQuery("select count(m) from ChatMessage m where"
                + " (cast(:from as Instant) is null or m.msgtime >= :from) and (cast(:to as Instant) is null or m.msgtime < :to)",
                Long.class).setParameter("from", from).setParameter("to", to).getSingleResult();
    }

    /** Ids above {@code afterId} of messages stored before {@code storedBefore}, in id order. */
    List<Long> idsAfter(long afterId, Instant storedBefore, int limit) {
        return getEntityManager()
                .createQuery("select m.id from ChatMessage m where m.id > ?1 and m.storedAt < ?2 order by m.id", Long.class)
                .setParameter(1, afterId).setParameter(2, storedBefore).setMaxResults(limit).getResultList();
    }
}
