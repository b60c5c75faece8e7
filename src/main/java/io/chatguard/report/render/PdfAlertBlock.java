package io.chatguard.report.render;

import static io.chatguard.report.render.PdfPages.LEFT;
import static io.chatguard.report.render.PdfPages.RIGHT;
import static io.chatguard.report.render.PdfPages.WIDTH;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.chatguard.report.render.PdfLines.Run;
import io.chatguard.report.render.PdfLines.Style;
import io.chatguard.report.render.PdfPages.Rgb;

/**
 * One alert in the PDF's detail: its fields, the message with the rule hits marked, the conversation
 * around it with the alert's own message on a tinted band, and the review history.
 */
final class PdfAlertBlock {
    private static final float TEXT = 10;
    private static final float INDENT = LEFT + 12;
    /** Hits: dark red on yellow, which stays visible when printed in grey. */
    private static final Style HIT = new Style(new Rgb(0.6f, 0, 0), new Rgb(1f, 0.87f, 0.35f));
    private static final Rgb OWN = new Rgb(0.89f, 0.94f, 1f);

    private final PdfPages p;
    private final PdfFont font;
    private final ReportContent.Alert a;

    private PdfAlertBlock(PdfPages p, ReportContent.Alert a) {
        this.p = p;
        this.font = p.font();
        this.a = a;
    }

    static void write(PdfPages pages, ReportContent.Alert alert) throws IOException {
        new PdfAlertBlock(pages, alert).write();
    }

    private void write() throws IOException {
        p.need(120); // the heading and the first lines stay together
        float h = 22;
        p.fill(LEFT, p.y() - h, WIDTH, h, Rgb.BAND);
        String title = "预警 #" + a.alertId() + "　" + font.singleLine(a.kind()) + "　严重程度：" + font.singleLine(a.severity());
        p.text(LEFT + 6, p.y() - 15.5f, font.fit(title, 12, WIDTH - 12), 12, Rgb.BLACK);
        p.down(h + 4);

        fields("类别", a.category(), "规则", a.ruleId());
        fields("状态", a.status(), "处理结论", a.resolution());
        fields("员工", a.employee(), "部门", a.department());
        fields("生成时间", ReportText.time(a.raisedAt()), "处理时限", ReportText.time(a.dueAt()), "关闭时间",
                ReportText.time(a.closedAt()));
        if (!ReportText.nz(a.detail()).isBlank()) {
            fields("说明", a.detail());
        }
        message();
        context();
        actions();
        p.down(8);
        p.fill(LEFT, p.y(), WIDTH, 0.6f, Rgb.RULE);
        p.down(10);
    }

    /** Label-value pairs on one wrapped line; empty values show as "—". */
    private void fields(String... pairs) throws IOException {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            String value = ReportText.nz(pairs[i + 1]);
            runs.add(new Run((i > 0 ? "　　" : "") + pairs[i] + "：", Style.MUTED));
            runs.add(new Run(value.isBlank() ? "—" : font.printable(value), Style.PLAIN));
        }
        p.paragraph(LEFT, WIDTH, TEXT, runs, null);
    }

    private void message() throws IOException {
        ReportContent.Message m = a.message();
        if (m == null) {
            return;
        }
        subheading("消息　" + font.singleLine(m.sender()) + "　" + ReportText.time(m.msgtime()) + "　消息ID "
                + font.singleLine(m.msgid()));
        p.paragraph(INDENT, RIGHT - INDENT, TEXT, marked(m.text()), null);
        if (!a.hits().isEmpty()) {
            List<Run> runs = new ArrayList<>(List.of(new Run("命中：", Style.MUTED)));
            for (ReportContent.Hit h : a.hits()) {
                String category = ReportText.nz(h.category()).isBlank() ? "" : "（" + font.singleLine(h.category()) + "）";
                runs.add(new Run(runs.size() > 1 ? "；" : "", Style.PLAIN));
                runs.add(new Run(font.singleLine(h.matched()), HIT));
                runs.add(new Run(" " + font.singleLine(h.ruleId()) + category, Style.PLAIN));
            }
            p.paragraph(INDENT, RIGHT - INDENT, TEXT, runs, null);
        }
    }

    private void context() throws IOException {
        if (a.context().isEmpty()) {
            return;
        }
        subheading("会话上下文");
        ReportContent.Message own = a.message();
        for (ReportContent.Message m : a.context()) {
            boolean isOwn = own != null && own.msgid() != null && own.msgid().equals(m.msgid());
            List<Run> runs = new ArrayList<>();
            String who = (isOwn ? "【本条】" : "") + ReportText.time(m.msgtime()) + " " + font.singleLine(m.sender()) + "：";
            runs.add(new Run(who, Style.MUTED));
            runs.addAll(isOwn ? marked(m.text()) : List.of(new Run(font.printable(m.text()), Style.PLAIN)));
            p.paragraph(INDENT, RIGHT - INDENT, TEXT, runs, isOwn ? OWN : null);
            p.down(2);
        }
    }

    private void actions() throws IOException {
        subheading("处理记录");
        if (a.actions().isEmpty()) {
            p.paragraph(INDENT, TEXT, "无", Style.MUTED);
        }
        for (ReportContent.Action action : a.actions()) {
            p.paragraph(INDENT, TEXT, "• " + font.printable(ReportText.action(action)), Style.PLAIN);
        }
    }

    private void subheading(String printable) throws IOException {
        p.need(PdfPages.leading(TEXT) * 3);
        p.down(3);
        p.paragraph(LEFT, WIDTH, TEXT, List.of(new Run(printable, Style.MUTED)), null);
    }

    /** The message text split at the hits, which get the hit style; offsets are UTF-16, clamped to the text. */
    private List<Run> marked(String text) {
        String t = ReportText.nz(text);
        List<ReportContent.Hit> hits = a.hits().stream().sorted(Comparator.comparingInt(ReportContent.Hit::start)).toList();
        List<Run> runs = new ArrayList<>();
        int at = 0;
        for (ReportContent.Hit h : hits) {
            int start = boundary(t, Math.max(at, h.start()));
            int end = boundary(t, h.end());
            if (start >= end) {
                continue;
            }
            runs.add(new Run(font.printable(t.substring(at, start)), Style.PLAIN));
            runs.add(new Run(font.printable(t.substring(start, end)), HIT));
            at = end;
        }
        runs.add(new Run(font.printable(t.substring(at)), Style.PLAIN));
        return runs;
    }

    /** The offset clamped to the text and moved off the middle of a surrogate pair. */
    private static int boundary(String t, int offset) {
        int i = Math.clamp(offset, 0, t.length());
        return i > 0 && i < t.length() && Character.isLowSurrogate(t.charAt(i)) && Character.isHighSurrogate(t.charAt(i - 1))
                ? i - 1
                : i;
    }
}
