package io.chatguard.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.chatguard.platform.error.ChatGuardException;
import io.chatguard.platform.error.ProblemType;

class AlertWorkflowTest {
    private static final AlertState OPEN = new AlertState(AlertStatus.OPEN, null, null, List.of());

    private static AlertActionRequest action(String action) {
        return new AlertActionRequest(action, null, null, null, null);
    }

    private static AlertActionRequest withNote(String action, String note) {
        return new AlertActionRequest(action, null, null, note, null);
    }

    private static AlertActionRequest close(String resolution, String note) {
        return new AlertActionRequest("close", null, resolution, note, null);
    }

    private static AlertState claimedBy(String who) {
        return new AlertState(AlertStatus.CLAIMED, who, null, List.of());
    }

    private static ProblemType refusal(AlertState s, AlertActionRequest r, String actor) {
        try {
            AlertWorkflow.apply(s, r, actor);
        } catch (ChatGuardException e) {
            return e.type();
        }
        throw new AssertionError("expected " + r.action() + " to be refused in " + s);
    }

    @Test
    void aReviewRunsOpenClaimedEscalatedClosedAndReopens() {
        AlertState claimed = AlertWorkflow.apply(OPEN, action("claim"), "lisi");
        assertThat(claimed).isEqualTo(claimedBy("lisi"));

        AlertState escalated = AlertWorkflow.apply(claimed, withNote("escalate", "疑似承诺收益，请主管复核"), "lisi");
        assertThat(escalated).isEqualTo(new AlertState(AlertStatus.ESCALATED, null, null, List.of()));

        AlertState taken = AlertWorkflow.apply(escalated, action("claim"), "wangzhuguan");
        assertThat(taken).isEqualTo(new AlertState(AlertStatus.ESCALATED, "wangzhuguan", null, List.of()));

        AlertState closed = AlertWorkflow.apply(taken, close("violation", "已约谈，记入档案"), "wangzhuguan");
        assertThat(closed).isEqualTo(new AlertState(AlertStatus.CLOSED, "wangzhuguan", Resolution.VIOLATION, List.of()));

        AlertState reopened = AlertWorkflow.apply(closed, withNote("reopen", "监管问询，重新核查"), "lisi");
        assertThat(reopened).isEqualTo(OPEN);
    }

    @Test
    void assignHandsTheAlertToSomeoneAndKeepsEscalationsEscalated() {
        var assign = new AlertActionRequest("assign", "zhaoliu", null, null, null);
        assertThat(AlertWorkflow.apply(OPEN, assign, "lisi")).isEqualTo(claimedBy("zhaoliu"));
        assertThat(AlertWorkflow.apply(claimedBy("lisi"), assign, "lisi")).isEqualTo(claimedBy("zhaoliu"));
        assertThat(AlertWorkflow.apply(new AlertState(AlertStatus.ESCALATED, null, null, List.of()), assign, "lisi"))
                .isEqualTo(new AlertState(AlertStatus.ESCALATED, "zhaoliu", null, List.of()));
    }

    @Test
    void notesAndTagsChangeNoStatusAndAreAllowedEvenWhenClosed() {
        AlertState closed = new AlertState(AlertStatus.CLOSED, "lisi", Resolution.NO_ACTION, List.of());
        assertThat(AlertWorkflow.apply(closed, withNote("note", "补充：客户已撤诉"), "wangwu")).isEqualTo(closed);
        assertThat(AlertWorkflow.apply(closed, new AlertActionRequest("tag", null, null, null, List.of(" 培训 ", "培训", "抽查")), "wangwu"))
                .isEqualTo(new AlertState(AlertStatus.CLOSED, "lisi", Resolution.NO_ACTION, List.of("培训", "抽查")));
    }

    @Test
    void actionsTheStateDoesNotAllowAre409WithTheReason() {
        AlertState closed = new AlertState(AlertStatus.CLOSED, "lisi", Resolution.VIOLATION, List.of());
        AlertState escalated = new AlertState(AlertStatus.ESCALATED, null, null, List.of());
        assertThat(refusal(OPEN, close("violation", "x"), "lisi")).isEqualTo(ProblemType.ALERT_STATE_CONFLICT);
        assertThat(refusal(claimedBy("lisi"), close("violation", "x"), "zhangsan")).isEqualTo(ProblemType.ALERT_STATE_CONFLICT);
        assertThat(refusal(escalated, close("violation", "x"), "lisi")).isEqualTo(ProblemType.ALERT_STATE_CONFLICT);
        assertThat(refusal(closed, close("violation", "x"), "lisi")).isEqualTo(ProblemType.ALERT_STATE_CONFLICT);
        assertThat(refusal(claimedBy("lisi"), action("claim"), "zhangsan")).isEqualTo(ProblemType.ALERT_STATE_CONFLICT);
        assertThat(refusal(claimedBy("lisi"), action("claim"), "lisi")).isEqualTo(ProblemType.ALERT_STATE_CONFLICT);
        assertThat(refusal(closed, action("claim"), "lisi")).isEqualTo(ProblemType.ALERT_STATE_CONFLICT);
        assertThat(refusal(escalated, withNote("escalate", "x"), "lisi")).isEqualTo(ProblemType.ALERT_STATE_CONFLICT);
        assertThat(refusal(closed, withNote("escalate", "x"), "lisi")).isEqualTo(ProblemType.ALERT_STATE_CONFLICT);
        assertThat(refusal(closed, new AlertActionRequest("assign", "x", null, null, null), "lisi"))
                .isEqualTo(ProblemType.ALERT_STATE_CONFLICT);
        for (AlertState notClosed : List.of(OPEN, claimedBy("lisi"), escalated)) {
            assertThat(refusal(notClosed, withNote("reopen", "x"), "lisi")).isEqualTo(ProblemType.ALERT_STATE_CONFLICT);
        }
        assertThatThrownBy(() -> AlertWorkflow.apply(claimedBy("lisi"), action("claim"), "zhangsan"))
                .hasMessage("already claimed by lisi; it can be assigned to you");
    }

    @Test
    void missingReasonsAre400() {
        assertThat(refusal(claimedBy("lisi"), close(null, "x"), "lisi")).isEqualTo(ProblemType.VALIDATION_FAILED);
        assertThat(refusal(claimedBy("lisi"), close("violation", " "), "lisi")).isEqualTo(ProblemType.VALIDATION_FAILED);
        assertThat(refusal(OPEN, action("escalate"), "lisi")).isEqualTo(ProblemType.VALIDATION_FAILED);
        assertThat(refusal(OPEN, action("note"), "lisi")).isEqualTo(ProblemType.VALIDATION_FAILED);
        assertThat(refusal(OPEN, action("assign"), "lisi")).isEqualTo(ProblemType.VALIDATION_FAILED);
        assertThat(refusal(OPEN, action("tag"), "lisi")).isEqualTo(ProblemType.VALIDATION_FAILED);
        assertThat(refusal(new AlertState(AlertStatus.CLOSED, "lisi", Resolution.VIOLATION, List.of()), action("reopen"), "lisi"))
                .isEqualTo(ProblemType.VALIDATION_FAILED);
    }

    @Test
    void allowedActionsMatchWhatApplyAccepts() {
        List<AlertState> states = List.of(OPEN, claimedBy("lisi"), claimedBy("zhangsan"),
                new AlertState(AlertStatus.ESCALATED, null, null, List.of()),
                new AlertState(AlertStatus.ESCALATED, "lisi", null, List.of()),
                new AlertState(AlertStatus.CLOSED, "lisi", Resolution.FALSE_POSITIVE, List.of()));
        for (AlertState s : states) {
            for (String a : List.of("claim", "assign", "note", "tag", "escalate", "close", "reopen")) {
                var r = new AlertActionRequest(a, "zhaoliu", "no_action", "理由", List.of("t"));
                boolean accepted;
                try {
                    AlertWorkflow.apply(s, r, "lisi");
                    accepted = true;
                } catch (ChatGuardException e) {
                    accepted = false;
                }
                assertThat(AlertWorkflow.allowed(s, "lisi").contains(a)).as(a + " in " + s).isEqualTo(accepted);
            }
        }
    }
}
