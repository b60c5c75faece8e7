// The rules in force and a test bench for them. Texts typed here and rule texts are shown with
// textContent only.
import { renderHighlighted } from '/sidebar/highlight.js';
import { CATEGORY, SEVERITY, el, label } from '/alerts/labels.js';

const $ = id => document.getElementById(id);
const DECISION = { BLOCK: '拦截', WARN: '提醒', PASS: '通过' };
const ACTION = { BLOCK: '拦截', WARN: '提醒' };

async function getJson(url, init) {
  const response = await fetch(url, { headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, ...init });
  if (response.status === 401) { window.location.href = '/login.html'; return null; }
  const body = await response.json();
  if (!response.ok) throw new Error(response.status === 403 ? '您的角色无权查看规则。' : (body.detail || body.title));
  return body;
}

async function loadRules() {
  try {
    const [status, rules] = await Promise.all([getJson('/api/v1/rules/status'), getJson('/api/v1/rules')]);
    if (!rules) return;
    $('version').textContent = `版本 ${status.version}，${status.rules} 条规则，${status.terms} 个词条`;
    $('rules').tBodies[0].replaceChildren(...rules.map(r => {
      const tr = el('tr');
      tr.appendChild(el('td', `${r.name}（${r.id}）`));
      tr.appendChild(el('td', label(CATEGORY, r.category)));
      tr.appendChild(el('td', label(SEVERITY, r.severity)));
      tr.appendChild(el('td', label(ACTION, r.action)));
      tr.appendChild(el('td', r.description));
      return tr;
    }));
  } catch (e) {
    $('error').textContent = e.message;
    $('error').hidden = false;
  }
}

$('test').addEventListener('submit', async e => {
  e.preventDefault();
  $('error').hidden = true;
  const text = $('text').value;
  try {
    const verdict = await getJson('/api/v1/rules/test', { method: 'POST', body: JSON.stringify({ text }) });
    if (!verdict) return;
    $('decision').textContent = `结论：${DECISION[verdict.decision] || verdict.decision}（规则版本 ${verdict.rulesVersion}）`;
    renderHighlighted($('preview'), text, verdict.hits);
    $('hits').replaceChildren(...verdict.hits.map(h =>
      el('li', `${label(CATEGORY, h.category)}：“${h.original}” 命中 ${h.ruleId}（${label(ACTION, h.action)}）— ${h.description}`)));
  } catch (err) {
    $('error').textContent = `无法试检：${err.message}`;
    $('error').hidden = false;
  }
});
loadRules();
