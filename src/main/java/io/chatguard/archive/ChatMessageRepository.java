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

    List<ChatMessage> listByIds(List<Long> ids) {
        return list("id in ?1 order by id", ids);
    }

    /** Ids above {@code afterId} of messages stored before {@code storedBefore}, in id order. */
    List<Long> idsAfter(long afterId, Instant storedBefore, int limit) {
        return getEntityManager()
                .createQuery("select m.id from ChatMessage m where m.id > ?1 and m.storedAt < ?2 order by m.id", Long.class)
                .setParameter(1, afterId).setParameter(2, storedBefore).setMaxResults(limit).getResultList();
    }
}
