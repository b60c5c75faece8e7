package io.chatguard.report.render;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The report as XLSX: sheet 汇总 (the counts) and sheet 明细 (one row per alert, the CSV's columns).
 * Streams through POI's SXSSF, which keeps a window of rows in memory and spills the rest to
 * compressed temp files, so memory stays flat however many alerts there are.
 */
public final class XlsxReportWriter implements ReportWriter {
    private static final int WINDOW_ROWS = 100;
    private static final String TRUNCATED = "…（已截断）";
    private static final int MAX_CELL_CHARS = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

    private final OutputStream out;
    private final SXSSFWorkbook workbook = new SXSSFWorkbook(null, WINDOW_ROWS, true);
    private final SXSSFSheet summarySheet;
    private final SXSSFSheet detailSheet;
    private final CellStyle bold;
    private final CellStyle title;
    private final CellStyle top;
    private final CellStyle wrap;
    private final CellStyle hours;
    private int summaryRow;
    private int detailRow;
    private boolean finished;

    /** Writes to {@code out} at {@link #finish()}; {@code out} stays open. */
    public XlsxReportWriter(OutputStream out) {
        this.out = out;
        summarySheet = workbook.createSheet("汇总");
        detailSheet = workbook.createSheet("明细");
        bold = style(font(11), false);
        title = style(font(16), false);
        top = style(null, false);
        wrap = style(null, true);
        hours = style(null, false);
        hours.setDataFormat(workbook.createDataFormat().getFormat("0.0"));
        summarySheet.setColumnWidth(0, 40 * 256);
        summarySheet.setColumnWidth(1, 16 * 256);
        detailHeader();
    }

    @Override
    public void summary(ReportContent.Summary s) {
        checkOpen();
        text(summarySheet.createRow(summaryRow++), 0, s.title(), title);
        summaryRow++;
        pair("统计期间", ReportText.period(s));
        pair("生成时间", ReportText.time(s.generatedAt()));
        pair("导出人", s.generatedBy());
        pair("筛选条件", s.filter());
        Row total = summarySheet.createRow(summaryRow++);
        text(total, 0, "预警总数", bold);
        total.createCell(1).setCellValue(s.alerts());
        for (SummaryRows.Group g : SummaryRows.groups(s)) {
            summaryRow++;
            Row head = summarySheet.createRow(summaryRow++);
            text(head, 0, g.name(), bold);
            text(head, 1, g.name().equals(SummaryRows.TIMELINESS) ? "数值" : "数量", bold);
            for (SummaryRows.Row r : g.rows()) {
                Row row = summarySheet.createRow(summaryRow++);
                text(row, 0, r.item(), null);
                value(row, r.value());
            }
        }
    }

    @Override
    public void alert(ReportContent.Alert alert) {
        checkOpen();
        Row row = detailSheet.createRow(detailRow++);
        List<String> values = DetailColumns.values(alert);
        row.createCell(0).setCellValue(alert.alertId());
        row.getCell(0).setCellStyle(top);
        for (int i = 1; i < values.size(); i++) {
            boolean wraps = i == DetailColumns.MESSAGE_TEXT || i == DetailColumns.ACTIONS || i == DetailColumns.DETAIL;
            text(row, i, values.get(i), wraps ? wrap : top);
        }
    }

    @Override
    public void finish() throws IOException {
        checkOpen();
        finished = true;
        detailSheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, detailRow - 1), 0, DetailColumns.HEADERS.size() - 1));
        workbook.write(new NonClosingOutputStream(out));
        out.flush();
    }

    /** Deletes the temp files, also after a failure. */
    @Override
    public void close() throws IOException {
        try {
            workbook.dispose();
        } finally {
            workbook.close();
        }
    }

    private void detailHeader() {
        detailSheet.createFreezePane(0, 1);
        Row head = detailSheet.createRow(detailRow++);
        for (int i = 0; i < DetailColumns.HEADERS.size(); i++) {
            text(head, i, DetailColumns.HEADERS.get(i), bold);
            detailSheet.setColumnWidth(i, width(i) * 256);
        }
    }

    /** Column widths in characters: wide for the texts, enough for a time, narrow for the rest. */
    private static int width(int column) {
        return switch (column) {
            case DetailColumns.MESSAGE_TEXT, DetailColumns.ACTIONS -> 60;
            case DetailColumns.DETAIL -> 40;
            case 2, 16 -> 24;
            case 9, 10, 11, 13 -> 20;
            case 12 -> 24;
            default -> 12;
        };
    }

    private void pair(String label, String value) {
        Row row = summarySheet.createRow(summaryRow++);
        text(row, 0, label, bold);
        text(row, 1, value, null);
    }

    private void value(Row row, Number v) {
        if (v == null) {
            text(row, 1, "—", null);
        } else if (v instanceof Double d) {
            row.createCell(1).setCellValue(d);
            row.getCell(1).setCellStyle(hours);
        } else {
            row.createCell(1).setCellValue(v.longValue());
        }
    }

    /** Every text goes in as a string cell, so nothing in it is ever taken for a formula. */
    private static void text(Row row, int column, String value, CellStyle style) {
        String v = ReportText.nz(value);
        if (v.length() > MAX_CELL_CHARS) {
            int cut = MAX_CELL_CHARS - TRUNCATED.length();
            cut -= Character.isHighSurrogate(v.charAt(cut - 1)) ? 1 : 0;
            v = v.substring(0, cut) + TRUNCATED;
        }
        var cell = row.createCell(column);
        cell.setCellValue(v);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    private Font font(int points) {
        Font f = workbook.createFont();
        f.setBold(true);
        f.setFontHeightInPoints((short) points);
        return f;
    }

    private CellStyle style(Font font, boolean wrapText) {
        CellStyle s = workbook.createCellStyle();
        if (font != null) {
            s.setFont(font);
        }
        s.setWrapText(wrapText);
        s.setVerticalAlignment(VerticalAlignment.TOP);
        return s;
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("XLSX report already finished");
        }
    }
}
