// Chinese labels for the alert workflow's codes; unknown codes are shown as they are.
export const CATEGORY = {
  absolute_claims: '绝对化宣传与贬低同业', discretionary_trading: '索要密码与代客操作',
  guarantee_return: '承诺保本、保收益或弥补亏损', illegal_leverage: '场外配资与非法杠杆',
  insider_info: '内幕消息与操纵市场', kickback: '返佣、回扣与不当利益', pii_leak: '客户个人信息泄露',
  private_dealing: '私下收款、飞单与私下协议', stock_tip: '确定性荐股与具体买卖指令',
};
export const STATUS = { open: '待处理', claimed: '处理中', escalated: '已升级', closed: '已关闭' };
export const SEVERITY = { critical: '严重', high: '高', medium: '中', low: '低' };
export const KIND = { rule_hit: '规则命中', recall: '撤回', seq_gap: '存档缺失', sample: '抽样复核' };
export const RESOLUTION = { violation: '确认违规', false_positive: '误报', no_action: '无需处理' };
export const ACTION = {
  raise: '生成', view: '查看', claim: '认领', assign: '指派', note: '备注', tag: '标签', escalate: '升级',
  close: '关闭', reopen: '重新打开', unmatched: '规则不再命中', rematched: '规则再次命中',
};
export const label = (map, code) => (code == null ? '' : map[code] || code);
export const time = t => (t ? new Date(t).toLocaleString('zh-CN', { hour12: false }) : '');

/** A new element with text content (never HTML). */
export function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text != null) e.textContent = text;
  if (className) e.className = className;
  return e;
}
