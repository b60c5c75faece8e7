package io.chatguard.evidence;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatguard.platform.db.Jdbc;
import io.chatguard.platform.error.ChatGuardException;
import io.chatguard.platform.error.ProblemType;
import io.chatguard.platform.storage.EvidenceStore;
import io.chatguard.platform.storage.StorageConfig;
import io.chatguard.platform.storage.StoredObject;
import io.chatguard.security.AccessAudit;

/**
 * Keeping evidence: legal holds, and disposal of an object once its retention has passed. Disposal is
 * the only way ChatGuard deletes evidence, and it refuses while a legal hold is active or before the
 * retention period ends. On a store with object lock the store enforces both as well.
 */
@ApplicationScoped
public class EvidenceRetention {
    private final EvidenceStore store;
    private final StorageConfig storage;
    private final Jdbc jdbc;
    private final AccessAudit audit;
    private final Clock clock;

    EvidenceRetention(EvidenceStore store, StorageConfig storage, Jdbc jdbc, AccessAudit audit, Clock clock) {
        this.store = store;
        this.storage = storage;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Places a legal hold on {@code objectKey}; 404 when there is no such object, 409 when one is active already. */
    public LegalHoldView hold(String objectKey, String reason, String by) {
        if (reason == null || reason.isBlank()) {
            throw new ChatGuardException(ProblemType.VALIDATION_FAILED, "reason: is required");
        }
        existing(objectKey);
        LegalHoldView active = active(objectKey);
        if (active != null) {
            throw new ChatGuardException(ProblemType.CONFLICT, "object " + objectKey + " is under legal hold " + active.id()
                    + " already (placed by " + active.placedBy() + " at " + active.placedAt() + ")");
        }
        long id = jdbc.inTransaction(c -> {
            try (var ps = c.prepareStatement("insert into legal_hold (object_key, reason, placed_by, placed_at)"
                    + " values (?, ?, ?, ?) returning id")) {
                ps.setString(1, objectKey);
                ps.setString(2, reason.strip());
                ps.setString(3, by);
                ps.setObject(4, OffsetDateTime.now(clock));
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        store.legalHold(objectKey, true);
        audit.record(by, "evidence.hold", "evidence-object", objectKey, Map.of("hold", id, "reason", reason.strip()));
        return holds("where id = ?", id).get(0);
    }

    /** Places a legal hold on every object holding evidence of message {@code msgid} (its batch objects and media). */
    public List<LegalHoldView> holdMessage(String msgid, String reason, String by) {
        List<String> keys = jdbc.inTransaction(c -> {
            try (var ps = c.prepareStatement("select distinct e.object_key from message_evidence e join chat_message m"
                    + " on m.id = e.message_id where m.msgid = ? union select o.object_key from media_object o join chat_message m"
                    + " on m.id = o.message_id where m.msgid = ? and o.object_key is not null order by 1")) {
                ps.setString(1, msgid);
                ps.setString(2, msgid);
                var out = new ArrayList<String>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
        if (keys.isEmpty()) {
            throw new ChatGuardException(ProblemType.MESSAGE_NOT_FOUND, "no evidence objects for message " + msgid);
        }
        var out = new ArrayList<LegalHoldView>();
        for (String key : keys) {
            LegalHoldView active = active(key);
            out.add(active != null ? active : hold(key, reason, by));
        }
        return out;
    }

    /** Releases hold {@code id}, with why. */
    public LegalHoldView release(long id, String note, String by) {
        if (note == null || note.isBlank()) {
            throw new ChatGuardException(ProblemType.VALIDATION_FAILED, "note: is required to release a legal hold");
        }
        List<LegalHoldView> found = holds("where id = ?", id);
        if (found.isEmpty()) {
            throw new ChatGuardException(ProblemType.NOT_FOUND, "no legal hold " + id);
        }
        if (found.get(0).releasedAt() != null) {
            throw new ChatGuardException(ProblemType.CONFLICT, "legal hold " + id + " was released already");
        }
        jdbc.inTransaction(c -> {
            try (var ps = c.prepareStatement("update legal_hold set released_by = ?, released_at = ?, release_note = ?"
                    + " where id = ? and released_at is null")) {
                ps.setString(1, by);
                ps.setObject(2, OffsetDateTime.now(clock));
                ps.setString(3, note.strip());
                ps.setLong(4, id);
                return ps.executeUpdate();
            }
        });
        store.legalHold(found.get(0).objectKey(), false);
        audit.record(by, "evidence.release", "evidence-object", found.get(0).objectKey(), Map.of("hold", id, "note", note.strip()));
        return holds("where id = ?", id).get(0);
    }

    /** Active holds, or every hold of {@code objectKey} when given. */
    public List<LegalHoldView> holds(String objectKeyOrNull) {
        return objectKeyOrNull == null ? holds("where released_at is null order by id", null)
                : holds("where object_key = ? order by id", objectKeyOrNull);
    }

    /**
     * Deletes {@code objectKey} from the store, its retention having passed; 409 while it is under legal
     * hold or retained, 404 when there is no such object.
     */
    public void dispose(String objectKey, String reason, String by) {
        if (reason == null || reason.isBlank()) {
            throw new ChatGuardException(ProblemType.VALIDATION_FAILED, "reason: is required");
        }
        StoredObject object = existing(objectKey);
        LegalHoldView active = active(objectKey);
        if (active != null) {
            throw new ChatGuardException(ProblemType.CONFLICT, "object " + objectKey + " is under legal hold " + active.id()
                    + " (" + active.reason() + ", placed by " + active.placedBy() + "); it cannot be deleted");
        }
        Instant stored = object.lastModified() == null ? clock.instant() : object.lastModified();
        Instant until = stored.atOffset(ZoneOffset.UTC).plus(storage.retention()).toInstant();
        if (clock.instant().isBefore(until)) {
            throw new ChatGuardException(ProblemType.CONFLICT, "object " + objectKey + " is retained until " + until
                    + " (" + storage.retention() + " from " + stored + "); it cannot be deleted");
        }
        store.delete(objectKey);
        jdbc.inTransaction(c -> {
            try (var ps = c.prepareStatement("insert into disposed_object (object_key, sha256, disposed_by, disposed_at, reason)"
                    + " values (?, ?, ?, ?, ?)")) {
                ps.setString(1, objectKey);
                ps.setString(2, object.sha256());
                ps.setString(3, by);
                ps.setObject(4, OffsetDateTime.now(clock));
                ps.setString(5, reason.strip());
                return ps.executeUpdate();
            }
        });
        audit.record(by, "evidence.dispose", "evidence-object", objectKey, Map.of("sha256", object.sha256(), "reason",
                reason.strip()));
    }

    private StoredObject existing(String objectKey) {
        if (objectKey == null || objectKey.isBlank()) {
            throw new ChatGuardException(ProblemType.VALIDATION_FAILED, "objectKey: is required");
        }
        return store.stat(objectKey).orElseThrow(() -> new ChatGuardException(ProblemType.OBJECT_NOT_FOUND,
                "no evidence object " + objectKey));
    }

    private LegalHoldView active(String objectKey) {
        List<LegalHoldView> found = holds("where object_key = ? and released_at is null", objectKey);
        return found.isEmpty() ? null : found.get(0);
    }

    private List<LegalHoldView> holds(String where, Object param) {
        return jdbc.inTransaction(c -> {
            try (var ps = c.prepareStatement("select id, object_key, reason, placed_by, placed_at, released_by, released_at,"
                    + " release_note from legal_hold " + where)) {
                if (param != null) {
                    ps.setObject(1, param);
                }
                var out = new ArrayList<LegalHoldView>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        OffsetDateTime released = rs.getObject(7, OffsetDateTime.class);
                        out.add(new LegalHoldView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6),
                                released == null ? null : released.toInstant(), rs.getString(8)));
                    }
                }
                return out;
            }
        });
    }

}
