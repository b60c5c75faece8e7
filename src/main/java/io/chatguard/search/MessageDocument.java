package io.chatguard.search;

import java.util.List;
import java.util.TreeSet;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;

import io.chatguard.archive.MessageText;

/** How a message is laid out in the index: field names and the document built from a message. */
final class MessageDocument {
    static final String MSGID = "msgid";
    static final String ID = "id";
    static final String MSGTIME = "msgtime";
    static final String SENDER = "sender";
    static final String RECEIVER = "receiver";
    static final String ROOM = "room";
    static final String MSGTYPE = "msgtype";
    /** Compliance categories of the message's current findings. */
    static final String CATEGORY = "category";
    /** Statuses of the alerts on the message. */
    static final String ALERT_STATUS = "alert_status";
    /** The original text, stored for snippets; not indexed itself. */
    static final String TEXT = "text";
    /** Folded single chars: one-char queries. */
    static final String UNIGRAMS = "text.unigrams";
    /** Folded overlapping char pairs: phrase queries that are exact substring matches. */
    static final String BIGRAMS = "text.bigrams";
    /** HanLP words: ranking. */
    static final String WORDS = "text.words";

    private MessageDocument() {
    }

    /** The document of {@code m} with no findings and no alerts. */
    static Document of(MessageText m) {
        return of(m, List.of(), List.of());
    }

    /** The document of {@code m}, whose current findings fall in {@code categories} and whose alerts are in {@code alertStatuses}. */
    static Document of(MessageText m, List<String> categories, List<String> alertStatuses) {
        var d = new Document();
        d.add(new StringField(MSGID, m.msgid(), Field.Store.YES));
        d.add(new StoredField(ID, m.id()));
        long time = m.msgtime().toEpochMilli();
        d.add(new LongPoint(MSGTIME, time));
        d.add(new NumericDocValuesField(MSGTIME, time));
        d.add(new StoredField(MSGTIME, time));
        if (m.sender() != null) {
            d.add(new StringField(SENDER, m.sender(), Field.Store.YES));
        }
        for (String to : m.tolist()) {
            d.add(new StringField(RECEIVER, to, Field.Store.YES));
        }
        if (m.roomid() != null && !m.roomid().isEmpty()) {
            d.add(new StringField(ROOM, m.roomid(), Field.Store.YES));
        }
        d.add(new StringField(MSGTYPE, m.msgtype(), Field.Store.YES));
        for (String c : new TreeSet<>(categories)) {
            d.add(new StringField(CATEGORY, c, Field.Store.YES));
        }
        for (String s : new TreeSet<>(alertStatuses)) {
            d.add(new StringField(ALERT_STATUS, s, Field.Store.YES));
        }
        d.add(new StoredField(TEXT, m.text()));
        d.add(new TextField(UNIGRAMS, m.text(), Field.Store.NO));
        d.add(new TextField(BIGRAMS, m.text(), Field.Store.NO));
        d.add(new TextField(WORDS, m.text(), Field.Store.NO));
        return d;
    }
}
