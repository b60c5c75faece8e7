package io.chatguard.report.render;

import java.util.List;

/** The detail table's columns, one row per alert, shared by the CSV and the XLSX. */
final class DetailColumns {
    static final List<String> HEADERS = List.of("预警编号", "类型", "类别", "规则", "严重程度", "状态", "处理结论", "员工", "部门",
            "生成时间", "处理时限", "关闭时间", "消息ID", "消息时间", "发送人", "消息内容", "命中内容", "处理记录", "说明");
    /** Columns holding long, multi-line text. */
    static final int MESSAGE_TEXT = 15;
    static final int ACTIONS = 17;
    static final int DETAIL = 18;

    private DetailColumns() {
    }

    /** The row's values, in {@link #HEADERS} order; absent values are "". */
    static List<String> values(ReportContent.Alert a) {
        ReportContent.Message m = a.message();
        return List.of(Long.toString(a.alertId()), nz(a.kind()), nz(a.category()), nz(a.ruleId()), nz(a.severity()),
                nz(a.status()), nz(a.resolution()), nz(a.employee()), nz(a.department()), ReportText.time(a.raisedAt()),
                ReportText.time(a.dueAt()), ReportText.time(a.closedAt()), m == null ? "" : nz(m.msgid()),
                m == null ? "" : ReportText.time(m.msgtime()), m == null ? "" : nz(m.sender()),
                m == null ? "" : nz(m.text()), ReportText.hitTerms(a), ReportText.actions(a.actions()), nz(a.detail()));
    }

    private static String nz(String s) {
        return ReportText.nz(s);
    }
}
