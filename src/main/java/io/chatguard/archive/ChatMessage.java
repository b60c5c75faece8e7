package io.chatguard.archive;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One archived WeCom message, with the decrypted record kept verbatim in {@code raw}. */
@Entity
@Table(name = "chat_message")
class ChatMessage {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "chat_message_seq")
    @SequenceGenerator(name = "chat_message_seq", sequenceName = "chat_message_seq", allocationSize = 50)
    Long id;

    @Column(nullable = false, unique = true)
    String msgid;

    Long seq;

    @Column(nullable = false)
    String action;

    String sender;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    List<String> tolist;

    String roomid;

    @Column(name = "conversation_id")
    Long conversationId;

    @Column(nullable = false)
    Instant msgtime;

    @Column(nullable = false)
    String msgtype;

    @Column(name = "content_text")
    String contentText;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    String raw;

    @Column(nullable = false)
    String source;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    List<String> flags;

    @Column(name = "stored_at", nullable = false)
    Instant storedAt;
}
