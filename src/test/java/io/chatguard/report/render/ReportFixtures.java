package io.chatguard.report.render;

import java.time.Instant;
import java.util.List;

/** A summary and alerts with the texts that break naive writers: CJK, markup, formulas, emoji, quotes, length. */
final class ReportFixtures {
    static final String TITLE = "2026年11月合规检查报告";
    static final String CATEGORY = "承诺保本、保收益或弥补亏损";
    static final String GUARANTEE = "这只产品我保证你稳赚不赔，年化收益至少8%，亏了我补给你。";
    static final String QUOTED = "他说：\"明天一定涨\", 然后,\n又补了一句\r\n\"放心买\"";
    static final String SCRIPT = "<script>alert('x')</script> 內幕消息請勿外傳";
    static final String FORMULA = "=cmd|' /C calc'!A0";
    static final String EMOJI = "老师好😀👍，这票稳了\u0001吗？";
    static final String LONG = long3000();

    private static final Instant T0 = Instant.parse("2026-11-03T02:15:00Z");

    private ReportFixtures() {
    }

    /** Counts over 19 alerts (the detail tests pass only a few of them). */
    static ReportContent.Summary summary() {
        return new ReportContent.Summary(TITLE, Instant.parse("2026-10-31T16:00:00Z"), Instant.parse("2026-11-30T16:00:00Z"),
                Instant.parse("2026-12-01T01:00:00Z"), "合规专员 李娜", "全部", 19,
                List.of(new ReportContent.Count("guarantee_return", CATEGORY, 12),
                        new ReportContent.Count("insider", "内幕信息", 5),
                        new ReportContent.Count("private_deal", "私下代客理财", 2)),
                List.of(new ReportContent.Count("open", "待处理", 7), new ReportContent.Count("violation", "确认违规", 8),
                        new ReportContent.Count("false_positive", "误报", 4)),
                List.of(new ReportContent.Count("zhangwei", "zhangwei", 9), new ReportContent.Count("lina", "lina", 10)),
                List.of(new ReportContent.Count("d1", "财富管理部", 11), new ReportContent.Count("d2", "经纪业务总部（上海）", 6),
                        new ReportContent.Count("d3", "投资顾问部", 2)),
                new ReportContent.Timeliness(12, 9, 3, 2, 5.25));
    }

    /** Five alerts: guarantee with hits, quotes/newlines, script, formula, emoji + control char; the first has a long context. */
    static List<ReportContent.Alert> alerts() {
        return List.of(
                alert(1001, GUARANTEE, List.of(hit(GUARANTEE, "稳赚不赔"), hit(GUARANTEE, "亏了我补给你")), true),
                alert(1002, QUOTED, List.of(hit(QUOTED, "明天一定涨")), false),
                alert(1003, SCRIPT, List.of(hit(SCRIPT, "內幕消息")), false),
                alert(1004, FORMULA, List.of(), false),
                alert(1005, EMOJI, List.of(hit(EMOJI, "这票稳了")), false));
    }

    /** An archive-gap signal: no message, only a description. */
    static ReportContent.Alert gap(long id) {
        return new ReportContent.Alert(id, "存档缺失", "", "", "高", "待处理", "", "", "", T0, T0.plusSeconds(86_400), null,
                null, List.of(), List.of(), List.of(), "2026-11-03 10:00 至 12:00 无存档消息");
    }

    static ReportContent.Alert alert(long id, String text, List<ReportContent.Hit> hits, boolean longContext) {
        ReportContent.Message m = new ReportContent.Message("msg-" + id, T0, "zhangwei", text);
        List<ReportContent.Message> context = List.of(
                new ReportContent.Message("msg-a" + id, T0.minusSeconds(120), "client_wang", "最近有什么好的产品推荐吗？"),
                m,
                new ReportContent.Message("msg-b" + id, T0.plusSeconds(60), "client_wang", longContext ? LONG : "好的，我考虑一下"));
        List<ReportContent.Action> actions = List.of(
                new ReportContent.Action(T0.plusSeconds(3600), "lina", "认领", "处理中", ""),
                new ReportContent.Action(T0.plusSeconds(7200), "lina", "关闭", "已关闭", "已约谈员工, 确认违规\n已上报"));
        return new ReportContent.Alert(id, "规则命中", CATEGORY, "R-GUAR-01", "高", "已关闭", "确认违规", "zhangwei", "财富管理部",
                T0, T0.plusSeconds(86_400), T0.plusSeconds(7200), m, context, hits, actions, "");
    }

    static ReportContent.Hit hit(String text, String term) {
        int start = text.indexOf(term);
        return new ReportContent.Hit("R-GUAR-01", CATEGORY, start, start + term.length(), term);
    }

    private static String long3000() {
        StringBuilder b = new StringBuilder();
        String s = "客户经理反复强调本金安全，收益有保障，Principal guaranteed, no risk at all! ";
        while (b.length() < 3000) {
            b.append(s);
        }
        return b.substring(0, 3000);
    }
}
