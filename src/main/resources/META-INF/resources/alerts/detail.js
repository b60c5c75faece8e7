// One alert: the message with its hits marked, the conversation around it, the actions its state
// allows, and its history. Message text is attacker-controlled: everything goes in through textContent.
import { renderHighlighted } from '/sidebar/highlight.js';
import { ACTION, CATEGORY, KIND, RESOLUTION, SEVERITY, STATUS, el, label, time } from '/alerts/labels.js';

const $ = id => document.getElementById(id);
const id = new URLSearchParams(window.location.search).get('id');
// The conversation as first loaded: an action's answer carries the alert without it.
let context = [];

function fact(term, value) {
  $('facts').appendChild(el('dt', term));
  $('facts').appendChild(el('dd', value || '—'));
}

function showError(text) {
  $('error').textContent = text;
  $('error').hidden = false;
}

function render(detail) {
  const a = detail.alert;
  $('title').textContent = `预警 #${a.id} · ${label(STATUS, a.status)}`;
  $('facts').replaceChildren();
  fact('类型', label(KIND, a.kind));
  fact('类别', label(CATEGORY, a.category));
  fact('规则', a.ruleId);
  fact('严重程度', label(SEVERITY, a.severity));
  fact('员工', a.employee);
  fact('处理人', a.assignee);
  fact('截止时间', time(a.dueAt) + (a.overdue ? '（已超期）' : ''));
  fact('处理结论', label(RESOLUTION, a.resolution));
  fact('标签', a.tags.join('、'));
  if (a.unmatchedVersion) fact('规则变更', `规则版本 ${a.unmatchedVersion} 下已不再命中`);
  if (a.detail) fact('说明', a.detail);

  $('message-card').hidden = !detail.message;
  if (detail.message) {
    renderHighlighted($('message'), detail.message.text, detail.hits);
    $('hits').replaceChildren(...detail.hits.map(h =>
      el('li', `${label(CATEGORY, h.category)}：命中“${h.original}”（${h.matched}，规则 ${h.ruleId}）`)));
  }
  if (detail.context.length > context.length) context = detail.context;
  $('context-card').hidden = context.length <= 1;
  $('context').replaceChildren(...context.map(m => {
    const li = el('li', null, detail.message && m.id === detail.message.id ? 'current' : null);
    li.appendChild(el('span', `${time(m.msgtime)} ${m.sender || ''}`, 'who'));
    li.appendChild(el('span', m.text));
    return li;
  }));

  const allowed = new Set(detail.allowedActions);
  $('resolution-field').hidden = !allowed.has('close');
  $('assignee-field').hidden = !allowed.has('assign');
  $('tags-field').hidden = !allowed.has('tag');
  $('buttons').replaceChildren(...detail.allowedActions.map(action => {
    const b = el('button', label(ACTION, action));
    b.type = 'button';
    b.dataset.action = action;
    b.addEventListener('click', () => act(action));
    return b;
  }));

  $('history').replaceChildren(...detail.history.map(e => {
    const tr = el('tr');
    tr.appendChild(el('td', time(e.occurredAt)));
    tr.appendChild(el('td', e.actor));
    tr.appendChild(el('td', label(ACTION, e.action)));
    tr.appendChild(el('td', e.before && e.before.status !== e.after.status
      ? `${label(STATUS, e.before.status)} → ${label(STATUS, e.after.status)}` : label(STATUS, e.after.status)));
    tr.appendChild(el('td', e.note || ''));
    return tr;
  }));
}

async function act(action) {
  $('error').hidden = true;
  const body = { action, note: $('note').value.trim() || null };
  if (action === 'close') body.resolution = $('resolution').value;
  if (action === 'assign') body.assignee = $('assignee').value.trim();
  if (action === 'tag') body.tags = $('tags').value.split(/[,，]/).map(t => t.trim()).filter(t => t);
  const response = await fetch(`/api/v1/alerts/${encodeURIComponent(id)}/actions`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const result = await response.json();
  if (!response.ok) { showError(`无法${label(ACTION, action)}：${result.detail || result.title}`); return; }
  $('note').value = '';
  // The answer is the alert as it now stands; reloading would record another opening in its history.
  render(result);
}

async function load() {
  const response = await fetch(`/api/v1/alerts/${encodeURIComponent(id)}?context=5`, { headers: { Accept: 'application/json' } });
  if (response.status === 401) { window.location.href = '/login.html'; return; }
  const body = await response.json();
  if (!response.ok) {
    showError(response.status === 403 ? '您的角色无权审查预警。' : (body.detail || body.title));
    return;
  }
  render(body);
}
load();
