package io.chatguard.archive;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class ChatMessageRepository implements PanacheRepositoryBase<ChatMessage, Long> {

    Optional<ChatMessage> findByMsgid(String msgid) {
        return find("msgid", msgid).firstResultOptional();
    }
}
