package io.chatguard.archive;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import io.chatguard.archive.ImportResult.RejectedLine;
import io.chatguard.archive.StoreBatch.EvidenceSlice;
import io.chatguard.archive.StoreBatch.MessageToStore;
import io.chatguard.archive.StoreBatch.QuarantineEntry;
import io.chatguard.archive.message.MessageParseException;
import io.chatguard.archive.message.MessageParser;
import io.chatguard.archive.message.ParsedMessage;
import io.chatguard.platform.error.ChatGuardException;
import io.chatguard.platform.error.ProblemType;
import io.chatguard.platform.storage.EvidenceStore;
import io.chatguard.platform.storage.Sha256;
import io.chatguard.security.AccessAudit;

/**
 * Imports decrypted WeCom messages (one JSON object per line) from other archives. Good lines are
 * stored even when others are rejected; the upload itself is kept as an evidence object and every
 * message points at its line in it.
 */
@ApplicationScoped
public class ArchiveImportService {
    static final String SOURCE = "import";
    private static final int CHUNK = 1000;

    private final ArchiveStore store;
    private final EvidenceStore evidence;
    private final AccessAudit audit;
    private final Event<MessagesArchived> archived;
    private final MessageParser parser = new MessageParser();

    ArchiveImportService(ArchiveStore store, EvidenceStore evidence, AccessAudit audit,
            Event<MessagesArchived> archived) {
        this.store = store;
        this.evidence = evidence;
        this.audit = audit;
        this.archived = archived;
    }

    public ImportResult importLines(byte[] body, String actor) {
        if (body == null || body.length == 0) {
            throw new ChatGuardException(ProblemType.BAD_REQUEST, "empty import: send JSON Lines, one message per line");
        }
        String key = "archive/import/" + Sha256.hex(body) + ".jsonl";
        evidence.put(key, body, "application/x-ndjson");

        List<RejectedLine> rejected = new ArrayList<>();
        List<QuarantineEntry> quarantine = new ArrayList<>();
        List<MessageToStore> pending = new ArrayList<>();
        int imported = 0;
        int duplicates = 0;
        int lineNumber = 0;
        int start = 0;
        while (start <= body.length) {
            int lineStart = start;
            int end = indexOf(body, (byte) '\n', start);
            lineNumber++;
            int contentEnd = end > start && body[end - 1] == '\r' ? end - 1 : end;
            byte[] line = Arrays.copyOfRange(body, start, contentEnd);
            start = end + 1;
            if (isBlank(line)) {
                continue;
            }
            try {
                ParsedMessage message = parse(line);
                var slice = new EvidenceSlice("import_line", key, lineStart, line.length, Sha256.hex(line));
                pending.add(new MessageToStore(message, null, List.of(slice), List.of()));
            } catch (MessageParseException e) {
                rejected.add(new RejectedLine(lineNumber, e.reason() + ": " + e.getMessage()));
                quarantine.add(new QuarantineEntry(null, lineNumber, null, null, e.reason(), e.getMessage(),
                        new String(line, StandardCharsets.UTF_8), key));
            }
            if (pending.size() == CHUNK) {
                StoreResult result = flush(pending, List.of());
                imported += result.stored();
                duplicates += result.duplicates();
                pending.clear();
            }
        }
        StoreResult last = flush(pending, quarantine);
        imported += last.stored();
        duplicates += last.duplicates();
        audit.record(actor, "archive.import", "evidence_object", key, Map.of("imported", imported,
                "duplicates", duplicates, "rejected", rejected.size()));
        return new ImportResult(imported, duplicates, rejected);
    }

    private StoreResult flush(List<MessageToStore> messages, List<QuarantineEntry> quarantine) {
        if (messages.isEmpty() && quarantine.isEmpty()) {
            return new StoreResult(0, 0, 0, 0, 0, List.of());
        }
        StoreResult result = store.store(new StoreBatch(SOURCE, "import", messages, quarantine, List.of(),
                OptionalLong.empty()));
        if (!result.storedMessageIds().isEmpty()) {
            archived.fire(new MessagesArchived(result.storedMessageIds()));
        }
        return result;
    }

    private ParsedMessage parse(byte[] line) throws MessageParseException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            throw new MessageParseException("invalid_utf8", "line is not valid UTF-8");
        }
        ParsedMessage message = parser.parse(text);
        if (message.flags().contains("missing_msgtime")) {
            throw new MessageParseException("missing_msgtime", "message has no msgtime");
        }
        return message;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return bytes.length;
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
