package io.chatguard.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvReportWriterTest {

    @Test
    void writesUtf8WithBomAndHeader() throws IOException {
        byte[] csv = write(List.of());
        assertThat(Arrays.copyOf(csv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        List<List<String>> rows = parse(csv);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).isEqualTo(DetailColumns.HEADERS);
        assertThat(rows.get(0)).startsWith("预警编号", "类型", "类别").contains("命中内容", "处理记录");
    }

    @Test
    void fieldsRoundTripExactly() throws IOException {
        List<ReportContent.Alert> alerts = new ArrayList<>(ReportFixtures.alerts());
        alerts.add(ReportFixtures.gap(2001));
        List<List<String>> rows = parse(write(alerts));

        assertThat(rows).hasSize(alerts.size() + 1);
        int text = DetailColumns.HEADERS.indexOf("消息内容");
        List<String> first = rows.get(1);
        assertThat(first.get(0)).isEqualTo("1001");
        assertThat(first.get(2)).isEqualTo(ReportFixtures.CATEGORY);
        assertThat(first.get(9)).isEqualTo("2026-11-03 10:15:00"); // UTC 02:15 in Asia/Shanghai
        assertThat(first.get(11)).isEqualTo("2026-11-03 12:15:00");
        assertThat(first.get(text)).isEqualTo(ReportFixtures.GUARANTEE);
        assertThat(first.get(DetailColumns.HEADERS.indexOf("命中内容"))).isEqualTo("稳赚不赔；亏了我补给你");
        assertThat(first.get(DetailColumns.HEADERS.indexOf("处理记录"))).isEqualTo(
                "2026-11-03 11:15:00 lina 认领（处理中）\n2026-11-03 12:15:00 lina 关闭（已关闭）：已约谈员工, 确认违规\n已上报");
        assertThat(rows.get(2).get(text)).isEqualTo(ReportFixtures.QUOTED);
        assertThat(rows.get(3).get(text)).isEqualTo(ReportFixtures.SCRIPT);
        assertThat(rows.get(5).get(text)).isEqualTo(ReportFixtures.EMOJI);
        List<String> gap = rows.get(6);
        assertThat(gap.get(text)).isEmpty();
        assertThat(gap.get(11)).isEmpty();
        assertThat(gap.get(DetailColumns.HEADERS.indexOf("说明"))).isEqualTo("2026-11-03 10:00 至 12:00 无存档消息");
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(DetailColumns.HEADERS.size()));
    }

    @Test
    void formulaLikeFieldsGetAnApostrophe() throws IOException {
        List<List<String>> rows = parse(write(ReportFixtures.alerts()));
        assertThat(rows.get(4).get(DetailColumns.HEADERS.indexOf("消息内容"))).isEqualTo("'" + ReportFixtures.FORMULA);
        for (String attack : List.of("+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx")) {
            assertThat(CsvReportWriter.defused(attack)).isEqualTo("'" + attack);
        }
        assertThat(CsvReportWriter.defused("正常文本 =1")).isEqualTo("正常文本 =1");
    }

    @Test
    void writesTheSummary() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvReportWriter.writeSummary(ReportFixtures.summary(), out);
        byte[] csv = out.toByteArray();
        assertThat(Arrays.copyOf(csv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        List<List<String>> rows = parse(csv);
        assertThat(rows.get(0)).containsExactly("分组", "项目", "数量");
        assertThat(rows).contains(List.of("类别", ReportFixtures.CATEGORY, "12"), List.of("部门", "经纪业务总部（上海）", "6"),
                List.of("处理结论", "误报", "4"), List.of("员工", "lina", "10"), List.of("时效", "逾期未关闭", "2"),
                List.of("时效", "关闭用时中位数（小时）", "5.3"));
        assertThat(rows).hasSize(1 + 3 + 3 + 2 + 3 + 5);
    }

    @Test
    void leavesTheStreamOpen() throws IOException {
        ClosedFlag out = new ClosedFlag();
        try (CsvReportWriter w = new CsvReportWriter(out)) {
            w.summary(ReportFixtures.summary());
            w.alert(ReportFixtures.alerts().get(0));
            w.finish();
        }
        assertThat(out.closed).isFalse();
        assertThat(out.size()).isPositive();
    }

    private static byte[] write(List<ReportContent.Alert> alerts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvReportWriter w = new CsvReportWriter(out)) {
            w.summary(ReportFixtures.summary());
            for (ReportContent.Alert a : alerts) {
                w.alert(a);
            }
            w.finish();
        }
        return out.toByteArray();
    }

    /** A strict RFC 4180 reader: records end at CRLF outside quotes; "" inside quotes is a quote. */
    static List<List<String>> parse(byte[] csv) {
        String s = new String(csv, StandardCharsets.UTF_8);
        assertThat(s).startsWith("\uFEFF");
        s = s.substring(1);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                assertThat(field).as("quote opens a field").isEmpty();
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                assertThat(c).as("bare CR/LF outside quotes").isNotIn('\r', '\n');
                field.append(c);
            }
        }
        assertThat(quoted).isFalse();
        assertThat(field).isEmpty();
        assertThat(row).isEmpty();
        return rows;
    }

    private static final class ClosedFlag extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
