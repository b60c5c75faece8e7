package io.chatguard.archive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /**
     * For each of {@code ids}: the message with up to {@code n} messages of its conversation on each side, in
     * time order (ties by id); one statement for the whole batch.
     */
    Map<Long, List<MessageText>> contexts(List<Long> ids, int n) {
        return getEntityManager().unwrap(org.hibernate.Session.class).doReturningWork(c -> {
            var out = new java.util.LinkedHashMap<Long, List<MessageText>>();
            String columns = "x.id, x.msgid, x.sender, x.tolist, x.roomid, x.conversation_id, x.msgtime, x.msgtype, x.content_text";
            try (var ps = c.prepareStatement("select a.id, w.* from unnest(?::bigint[]) as a(id) join chat_message m on m.id = a.id"
                    + " cross join lateral ("
                    + " (select " + columns + " from chat_message x where x.conversation_id = m.conversation_id"
                    + " and (x.msgtime, x.id) < (m.msgtime, m.id) order by x.msgtime desc, x.id desc limit ?)"
                    + " union all select " + columns + " from chat_message x where x.id = m.id"
                    + " union all (select " + columns + " from chat_message x where x.conversation_id = m.conversation_id"
                    + " and (x.msgtime, x.id) > (m.msgtime, m.id) order by x.msgtime, x.id limit ?)) w"
                    + " order by a.id, w.msgtime, w.id")) {
                ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                ps.setInt(2, n);
                ps.setInt(3, n);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        java.sql.Array to = rs.getArray(5);
                        out.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>()).add(new MessageText(rs.getLong(2),
                                rs.getString(3), rs.getString(4), to == null ? List.of() : List.of((String[]) to.getArray()),
                                rs.getString(6), (Long) rs.getObject(7), rs.getObject(8, java.time.OffsetDateTime.class).toInstant(),
                                rs.getString(9), rs.getString(10)));
                    }
                }
            }
            return out;
        });
    }

    /** Up to {@code limit} message texts with ids in {@code (afterId, upToId]} sent in {@code [from, to)}, in id order. */
    List<StoredText> textsInPeriod(long afterId, long upToId, Instant from, Instant to, int limit) {
        // Plain JDBC and two columns: a rescan reads millions of rows and checks them; the few that change
        // are looked up again in full (textsByIds).
        // Walks the primary key; the period is a filter (messages are stored roughly in time order).
        return getEntityManager().unwrap(org.hibernate.Session.class).doReturningWork(c -> {
            try (var ps = c.prepareStatement("select id, content_text from chat_message where id > ? and id <= ?"
                    + " and (cast(? as timestamptz) is null or msgtime >= ?) and (cast(? as timestamptz) is null or msgtime < ?)"
                    + " order by id limit ?")) {
                ps.setLong(1, afterId);
                ps.setLong(2, upToId);
                var fromTs = from == null ? null : java.sql.Timestamp.from(from);
                var toTs = to == null ? null : java.sql.Timestamp.from(to);
                ps.setTimestamp(3, fromTs);
                ps.setTimestamp(4, fromTs);
                ps.setTimestamp(5, toTs);
                ps.setTimestamp(6, toTs);
                ps.setInt(7, limit);
                ps.setFetchSize(limit);
                var out = new ArrayList<StoredText>(limit);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredText(rs.getLong(1), rs.getString(2)));
                    }
                }
                return out;
            }
        });
    }

    /** How many messages were sent in {@code [from, to)} (null bounds are open), and their lowest and highest ids. */
    PeriodExtent extentOf(Instant from, Instant to) {
        // Only the bounds given, so the planner can use the BRIN index on msgtime (an "is null or" cannot).
        var where = new ArrayList<String>();
        if (from != null) {
            where.add("m.msgtime >= :from");
        }
        if (to != null) {
            where.add("m.msgtime < :to");
        }
        var query = getEntityManager().createQuery("select count(m), min(m.id), max(m.id) from ChatMessage m"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where)), Object[].class);
        if (from != null) {
            query.setParameter("from", from);
        }
        if (to != null) {
            query.setParameter("to", to);
        }
        Object[] row = query.getSingleResult();
        long count = ((Number) row[0]).longValue();
        return count == 0 ? new PeriodExtent(0, 0, 0)
                : new PeriodExtent(count, ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
    }

    /** Ids above {@code afterId} of messages stored before {@code storedBefore}, in id order. */
    List<Long> idsAfter(long afterId, Instant storedBefore, int limit) {
        return getEntityManager()
                .createQuery("select m.id from ChatMessage m where m.id > ?1 and m.storedAt < ?2 order by m.id", Long.class)
                .setParameter(1, afterId).setParameter(2, storedBefore).setMaxResults(limit).getResultList();
    }
}
