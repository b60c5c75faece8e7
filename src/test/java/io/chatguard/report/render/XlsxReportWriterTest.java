package io.chatguard.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class XlsxReportWriterTest {

    @Test
    void writesSummaryAndDetailSheets() throws IOException {
        List<ReportContent.Alert> alerts = new ArrayList<>(ReportFixtures.alerts());
        alerts.add(ReportFixtures.gap(2001));
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(write(alerts)))) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(2);
            assertThat(wb.getSheetName(0)).isEqualTo("汇总");
            assertThat(wb.getSheetName(1)).isEqualTo("明细");

            Sheet detail = wb.getSheet("明细");
            assertThat(detail.getPhysicalNumberOfRows()).isEqualTo(alerts.size() + 1);
            assertThat(texts(detail.getRow(0))).isEqualTo(DetailColumns.HEADERS);
            assertThat(wb.getFontAt(detail.getRow(0).getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
            assertThat(detail.getPaneInformation().isFreezePane()).isTrue();

            int text = DetailColumns.HEADERS.indexOf("消息内容");
            assertThat(detail.getRow(1).getCell(0).getNumericCellValue()).isEqualTo(1001);
            assertThat(detail.getRow(1).getCell(2).getStringCellValue()).isEqualTo(ReportFixtures.CATEGORY);
            assertThat(detail.getRow(1).getCell(text).getStringCellValue()).isEqualTo(ReportFixtures.GUARANTEE);
            assertThat(detail.getRow(1).getCell(text).getCellStyle().getWrapText()).isTrue();
            assertThat(detail.getRow(2).getCell(text).getStringCellValue()).isEqualTo(ReportFixtures.QUOTED);
            assertThat(detail.getRow(3).getCell(text).getStringCellValue()).isEqualTo(ReportFixtures.SCRIPT);
            // A formula-looking text stays a plain string cell.
            assertThat(detail.getRow(4).getCell(text).getCellType()).isEqualTo(CellType.STRING);
            assertThat(detail.getRow(4).getCell(text).getStringCellValue()).isEqualTo(ReportFixtures.FORMULA);
            // XML cannot hold the control character; the emoji survive.
            assertThat(detail.getRow(5).getCell(text).getStringCellValue()).contains("老师好😀👍").contains("这票稳了");
            assertThat(detail.getRow(6).getCell(DetailColumns.DETAIL).getStringCellValue()).contains("无存档消息");

            Sheet summary = wb.getSheet("汇总");
            assertThat(summary.getRow(0).getCell(0).getStringCellValue()).isEqualTo(ReportFixtures.TITLE);
            List<List<String>> rows = new ArrayList<>();
            summary.forEach(r -> rows.add(texts(r)));
            assertThat(rows).contains(List.of("统计期间", "2026-11-01 00:00:00 至 2026-12-01 00:00:00（不含）"),
                    List.of("导出人", "合规专员 李娜"), List.of("预警总数", "19"), List.of(ReportFixtures.CATEGORY, "12"),
                    List.of("经纪业务总部（上海）", "6"), List.of("逾期未关闭", "2"), List.of("关闭用时中位数（小时）", "5.3"));
        }
    }

    @Test
    void truncatesTextsBeyondTheCellLimit() throws IOException {
        String huge = "超长".repeat(20_000);
        ReportContent.Alert a = ReportFixtures.alert(1, huge, List.of(), false);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(write(List.of(a))))) {
            String cell = wb.getSheet("明细").getRow(1).getCell(DetailColumns.MESSAGE_TEXT).getStringCellValue();
            assertThat(cell).hasSize(32_767).endsWith("…（已截断）");
        }
    }

    private static byte[] write(List<ReportContent.Alert> alerts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XlsxReportWriter w = new XlsxReportWriter(out)) {
            w.summary(ReportFixtures.summary());
            for (ReportContent.Alert a : alerts) {
                w.alert(a);
            }
            w.finish();
        }
        return out.toByteArray();
    }

    private static List<String> texts(Row row) {
        DataFormatter f = new DataFormatter();
        List<String> texts = new ArrayList<>();
        row.forEach(c -> texts.add(f.formatCellValue(c)));
        return texts;
    }
}
