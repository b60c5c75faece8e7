package io.chatguard.report.render;

import static io.chatguard.report.render.PdfPages.LEFT;
import static io.chatguard.report.render.PdfPages.RIGHT;
import static io.chatguard.report.render.PdfPages.WIDTH;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.chatguard.report.render.PdfLines.Run;
import io.chatguard.report.render.PdfLines.Style;
import io.chatguard.report.render.PdfPages.Rgb;

/** The PDF's first part: title, period, timeliness, and the counts as tables and bar charts. */
final class PdfSummary {
    private static final float TEXT = 10.5f;
    private static final int MAX_BARS = 12;
    private static final float BAR_LABEL = 130;
    private static final float ROW = 17;
    private static final Rgb BAR = new Rgb(0.27f, 0.51f, 0.71f);

    private final PdfPages p;
    private final PdfFont font;
    private final ReportContent.Summary s;

    private PdfSummary(PdfPages p, ReportContent.Summary s) {
        this.p = p;
        this.font = p.font();
        this.s = s;
    }

    static void write(PdfPages pages, ReportContent.Summary summary) throws IOException {
        new PdfSummary(pages, summary).write();
    }

    private void write() throws IOException {
        p.newPage();
        p.paragraph(LEFT, 20, font.printable(s.title()), Style.PLAIN);
        p.down(8);
        field("统计期间", ReportText.period(s));
        field("生成时间", ReportText.time(s.generatedAt()));
        field("导出人", s.generatedBy());
        field("筛选条件", s.filter());
        field("预警总数", s.alerts() + " 条");

        heading("处理时效");
        List<SummaryRows.Row> timeliness = new ArrayList<>(SummaryRows.timeliness(s.timeliness()).rows());
        if (s.timeliness() != null && s.timeliness().closed() > 0) {
            double rate = 100.0 * s.timeliness().closedWithinSla() / s.timeliness().closed();
            timeliness.add(2, new SummaryRows.Row("时限内关闭率（%）", rate));
        }
        table("指标", "数值", timeliness, false);

        heading("按类别");
        chart(s.byCategory());
        table("类别", "数量", rows(s.byCategory()), true);
        heading("按处理结论");
        table("处理结论", "数量", rows(s.byOutcome()), true);
        heading("按员工");
        table("员工", "数量", rows(s.byEmployee()), true);
        heading("按部门");
        chart(s.byDepartment());
        table("部门", "数量", rows(s.byDepartment()), true);
    }

    private void field(String label, String value) throws IOException {
        p.paragraph(LEFT, WIDTH, TEXT, List.of(new Run(label + "：", Style.MUTED),
                new Run(font.printable(value), Style.PLAIN)), null);
    }

    /** A section title, kept on a page with room for a few rows below it. */
    private void heading(String title) throws IOException {
        p.need(90);
        p.down(12);
        p.fill(LEFT, p.y() - 17, 3, 15, BAR);
        p.text(LEFT + 8, p.y() - 14, title, 13, Rgb.BLACK);
        p.down(24);
    }

    /** Horizontal bars for the first {@value #MAX_BARS} counts (they come most first). */
    private void chart(List<ReportContent.Count> counts) throws IOException {
        List<ReportContent.Count> shown = counts.subList(0, Math.min(MAX_BARS, counts.size()));
        long max = shown.stream().mapToLong(ReportContent.Count::count).max().orElse(0);
        float area = WIDTH - BAR_LABEL - 50;
        for (ReportContent.Count c : shown) {
            p.need(ROW);
            float base = p.y() - 12;
            p.text(LEFT, base, font.fit(font.singleLine(SummaryRows.labelOf(c)), 9, BAR_LABEL - 6), 9, Rgb.BLACK);
            float w = max == 0 ? 0 : Math.max(c.count() > 0 ? 1 : 0, area * c.count() / max);
            p.fill(LEFT + BAR_LABEL, base - 2, w, 11, BAR);
            p.text(LEFT + BAR_LABEL + w + 4, base, Long.toString(c.count()), 9, Rgb.GRAY);
            p.down(ROW);
        }
        if (counts.size() > shown.size()) {
            p.paragraph(LEFT, 9, "另有 " + (counts.size() - shown.size()) + " 项未在图中列出，见下表。", Style.MUTED);
        }
        p.down(6);
    }

    /** A table of label and value, with each count's share of all alerts when {@code share}. */
    private void table(String item, String value, List<SummaryRows.Row> rows, boolean share) throws IOException {
        tableHeader(item, value, share);
        if (rows.isEmpty()) {
            p.paragraph(LEFT + 6, TEXT, "无", Style.MUTED);
        }
        float labelWidth = 300;
        for (SummaryRows.Row r : rows) {
            if (p.need(PdfPages.leading(TEXT))) {
                tableHeader(item, value, share);
            }
            float base = p.y() - TEXT * 1.05f;
            right(RIGHT - (share ? 90 : 6), base, r.text().isEmpty() ? "—" : r.text());
            if (share) {
                right(RIGHT - 6, base, share(r.value()));
            }
            p.paragraph(LEFT + 6, labelWidth, TEXT, List.of(new Run(font.printable(r.item()), Style.PLAIN)), null);
            p.fill(LEFT, p.y() + 1, WIDTH, 0.4f, Rgb.RULE);
        }
    }

    private void tableHeader(String item, String value, boolean share) throws IOException {
        float h = PdfPages.leading(TEXT) + 2;
        p.need(h + PdfPages.leading(TEXT)); // never a header alone at the foot of a page
        p.fill(LEFT, p.y() - h, WIDTH, h, Rgb.BAND);
        float base = p.y() - TEXT * 1.15f;
        p.text(LEFT + 6, base, item, TEXT, Rgb.BLACK);
        right(RIGHT - (share ? 90 : 6), base, value);
        if (share) {
            right(RIGHT - 6, base, "占比");
        }
        p.down(h);
    }

    private void right(float x, float baseline, String text) throws IOException {
        p.text(x - font.width(text, TEXT), baseline, text, TEXT, Rgb.BLACK);
    }

    private String share(Number count) {
        if (count == null || s.alerts() <= 0) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * count.longValue() / s.alerts());
    }

    private static List<SummaryRows.Row> rows(List<ReportContent.Count> counts) {
        return counts.stream().map(c -> new SummaryRows.Row(SummaryRows.labelOf(c), c.count())).toList();
    }
}
