package io.chatguard.report.render;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Text the writers share: times in China's time zone and the alert fields joined into one string. */
final class ReportText {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZONE);

    private ReportText() {
    }

    /** The time as "yyyy-MM-dd HH:mm:ss" in Asia/Shanghai, "" for none. */
    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    /** The period; its end is exclusive, so it says so. */
    static String period(ReportContent.Summary s) {
        return time(s.from()) + " 至 " + time(s.to()) + "（不含）";
    }

    /** What the rules matched, each term once, in order of first hit. */
    static String hitTerms(ReportContent.Alert a) {
        return a.hits().stream().map(ReportContent.Hit::matched).distinct().collect(Collectors.joining("；"));
    }

    /** One action as "时间 处理人 动作（状态）：备注", leaving out the parts it lacks. */
    static String action(ReportContent.Action a) {
        StringBuilder b = new StringBuilder();
        for (String part : List.of(time(a.at()), nz(a.actor()), nz(a.action()))) {
            if (!part.isBlank()) {
                b.append(b.isEmpty() ? "" : " ").append(part);
            }
        }
        if (!nz(a.statusAfter()).isBlank()) {
            b.append('（').append(a.statusAfter()).append('）');
        }
        if (!nz(a.note()).isBlank()) {
            b.append('：').append(a.note());
        }
        return b.toString();
    }

    static String actions(List<ReportContent.Action> actions) {
        return actions.stream().map(ReportText::action).collect(Collectors.joining("\n"));
    }

    /** Hours with one decimal, "" for none. */
    static String hours(Double hours) {
        return hours == null ? "" : String.format(Locale.ROOT, "%.1f", hours);
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
