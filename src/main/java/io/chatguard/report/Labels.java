package io.chatguard.report;

import java.util.Map;

/** Chinese names of the codes reports show (the officers' pages use the same, in /alerts/labels.js). */
final class Labels {
    static final Map<String, String> CATEGORY = Map.of("absolute_claims", "绝对化宣传与贬低同业", "discretionary_trading",
            "索要密码与代客操作", "guarantee_return", "承诺保本、保收益或弥补亏损", "illegal_leverage", "场外配资与非法杠杆", "insider_info",
            "内幕消息与操纵市场", "kickback", "返佣、回扣与不当利益", "pii_leak", "客户个人信息泄露", "private_dealing", "私下收款、飞单与私下协议",
            "stock_tip", "确定性荐股与具体买卖指令");
    static final Map<String, String> KIND = Map.of("rule_hit", "规则命中", "recall", "撤回", "seq_gap", "存档缺失", "sample", "抽样复核");
    static final Map<String, String> STATUS = Map.of("open", "待处理", "claimed", "处理中", "escalated", "已升级", "closed", "已关闭");
    static final Map<String, String> RESOLUTION = Map.of("violation", "确认违规", "false_positive", "误报", "no_action", "无需处理");
    static final Map<String, String> SEVERITY = Map.of("critical", "严重", "high", "高", "medium", "中", "low", "低");
    static final Map<String, String> ACTION = Map.ofEntries(Map.entry("raise", "生成"), Map.entry("view", "查看"),
            Map.entry("claim", "认领"), Map.entry("assign", "指派"), Map.entry("note", "备注"), Map.entry("tag", "标签"),
            Map.entry("escalate", "升级"), Map.entry("close", "关闭"), Map.entry("reopen", "重新打开"),
            Map.entry("unmatched", "规则不再命中"), Map.entry("rematched", "规则再次命中"));

    private Labels() {
    }

    static String of(Map<String, String> names, String code) {
        return code == null ? "" : names.getOrDefault(code, code);
    }

    /** An alert's outcome: its status while open, its resolution once closed. */
    static String outcome(String code) {
        return RESOLUTION.containsKey(code) ? RESOLUTION.get(code) : of(STATUS, code);
    }
}
