package io.chatguard.alert;

import java.util.List;

import io.chatguard.platform.error.ChatGuardException;
import io.chatguard.platform.error.ProblemType;

/**
 * The review state machine: {@code open → claimed → escalated → closed (resolution)}, {@code reopen}
 * back to open. Pure: given a state, an action and who acts, the next state or a precise refusal
 * (400 for a missing field, 409 for an action the state does not allow).
 */
final class AlertWorkflow {
    private AlertWorkflow() {
    }

    static AlertState apply(AlertState s, AlertActionRequest r, String actor) {
        AlertStatus status = s.status();
        return switch (r.action()) {
            case "claim" -> switch (status) {
                case OPEN -> new AlertState(AlertStatus.CLAIMED, actor, null, s.tags());
                case ESCALATED -> {
                    if (actor.equals(s.assignee())) {
                        throw conflict("you already hold this escalated alert");
                    }
                    yield new AlertState(AlertStatus.ESCALATED, actor, null, s.tags());
                }
                case CLAIMED -> throw conflict(actor.equals(s.assignee()) ? "you already hold this alert"
                        : "already claimed by " + s.assignee() + "; it can be assigned to you");
                case CLOSED -> throw conflict("the alert is closed; reopen it first");
            };
            case "assign" -> {
                String to = required(r.assignee(), "assignee");
                yield switch (status) {
                    case OPEN, CLAIMED -> new AlertState(AlertStatus.CLAIMED, to, null, s.tags());
                    case ESCALATED -> new AlertState(AlertStatus.ESCALATED, to, null, s.tags());
                    case CLOSED -> throw conflict("the alert is closed; reopen it first");
                };
            }
            case "note" -> {
                required(r.note(), "note");
                yield s;
            }
            case "tag" -> {
                if (r.tags() == null) {
                    throw invalid("tags: is required for tag (an empty list clears them)");
                }
                yield new AlertState(status, s.assignee(), s.resolution(), r.tags().stream().map(String::strip).distinct().toList());
            }
            case "escalate" -> {
                required(r.note(), "note");
                yield switch (status) {
                    case OPEN, CLAIMED -> new AlertState(AlertStatus.ESCALATED, null, null, s.tags());
                    case ESCALATED -> throw conflict("the alert is already escalated");
                    case CLOSED -> throw conflict("the alert is closed; reopen it first");
                };
            }
            case "close" -> {
                Resolution resolution = Resolution.of(required(r.resolution(), "resolution"));
                required(r.note(), "note");
                yield switch (status) {
                    case CLAIMED, ESCALATED -> {
                        if (!actor.equals(s.assignee())) {
                            throw conflict(s.assignee() == null ? "nobody holds this alert; claim it before closing it"
                                    : "held by " + s.assignee() + "; only the holder closes it");
                        }
                        yield new AlertState(AlertStatus.CLOSED, actor, resolution, s.tags());
                    }
                    case OPEN -> throw conflict("the alert is not claimed; claim it before closing it");
                    case CLOSED -> throw conflict("the alert is already closed");
                };
            }
            case "reopen" -> {
                required(r.note(), "note");
                yield switch (status) {
                    case CLOSED -> new AlertState(AlertStatus.OPEN, null, null, s.tags());
                    default -> throw conflict("only a closed alert can be reopened; it is " + status.label());
                };
            }
            default -> throw invalid("action: unknown action " + r.action());
        };
    }

    /** The actions {@code apply} would accept in {@code s} from {@code actor}, for the UI. */
    static List<String> allowed(AlertState s, String actor) {
        return switch (s.status()) {
            case OPEN -> List.of("claim", "assign", "note", "tag", "escalate");
            case CLAIMED -> actor.equals(s.assignee()) ? List.of("assign", "note", "tag", "escalate", "close")
                    : List.of("assign", "note", "tag", "escalate");
            case ESCALATED -> actor.equals(s.assignee()) ? List.of("assign", "note", "tag", "close")
                    : List.of("claim", "assign", "note", "tag");
            case CLOSED -> List.of("note", "tag", "reopen");
        };
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw invalid(field + ": is required for this action");
        }
        return value.strip();
    }

    private static ChatGuardException conflict(String detail) {
        return new ChatGuardException(ProblemType.ALERT_STATE_CONFLICT, detail);
    }

    private static ChatGuardException invalid(String detail) {
        return new ChatGuardException(ProblemType.VALIDATION_FAILED, detail);
    }
}
