package io.chatguard.archive;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * A parsed GetChatData response. Each record keeps the byte span it occupies in the response, so
 * evidence can point at the original encrypted record rather than a re-serialisation of it.
 *
 * @param errcode server error code, 0 when fine
 * @param errmsg server message
 * @param records the chatdata entries in response order
 * @param raw the response bytes exactly as received; record offsets point into them
 */
record ChatDataResponse(int errcode, String errmsg, List<ChatDataRecord> records, byte[] raw) {
    private static final JsonFactory JSON = new JsonFactory();

    ChatDataResponse {
        records = List.copyOf(records);
    }

    /** @throws IOException when the response is not the documented JSON shape */
    static ChatDataResponse parse(byte[] response) throws IOException {
        int errcode = 0;
        String errmsg = "";
        List<ChatDataRecord> records = new ArrayList<>();
        try (JsonParser p = JSON.createParser(response)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "errcode" -> errcode = p.getIntValue();
                    case "errmsg" -> errmsg = p.getValueAsString("");
                    case "chatdata" -> {
                        expect(value, JsonToken.START_ARRAY);
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            records.add(record(p));
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        }
        return new ChatDataResponse(errcode, errmsg, records, response);
    }

    private static ChatDataRecord record(JsonParser p) throws IOException {
        int start = (int) p.currentTokenLocation().getByteOffset();
        long seq = -1;
        String msgid = null;
        int version = -1;
        String key = null;
        String msg = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "seq" -> seq = p.getValueAsLong(-1);
                case "msgid" -> msgid = p.getValueAsString();
                case "publickey_ver" -> version = p.getValueAsInt(-1);
                case "encrypt_random_key" -> key = p.getValueAsString();
                case "encrypt_chat_msg" -> msg = p.getValueAsString();
                default -> p.skipChildren();
            }
        }
        int end = (int) p.currentTokenLocation().getByteOffset() + 1;
        if (seq < 0) {
            throw new IOException("chatdata entry without seq at byte " + start);
        }
        return new ChatDataRecord(seq, msgid, version, key, msg, start, end - start);
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but found " + actual);
        }
    }
}
