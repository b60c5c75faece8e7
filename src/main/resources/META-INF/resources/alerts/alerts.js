// The review queue. Alert fields come from messages and employees' ids: written with textContent only.
import { CATEGORY, KIND, SEVERITY, STATUS, el, label, time } from '/alerts/labels.js';

const PAGE_SIZE = 50;
const $ = id => document.getElementById(id);
let page = 0;

for (const [code, name] of Object.entries(CATEGORY)) {
  const option = el('option', name);
  option.value = code;
  $('category').appendChild(option);
}

function params() {
  const p = new URLSearchParams();
  for (const id of ['status', 'severity', 'category', 'employee', 'assignee', 'sort']) {
    const v = $(id).value.trim();
    if (v) p.set(id, v);
  }
  p.set('page', page);
  p.set('size', PAGE_SIZE);
  return p;
}

async function load() {
  $('error').hidden = true;
  const response = await fetch('/api/v1/alerts?' + params(), { headers: { Accept: 'application/json' } });
  if (response.status === 401) { window.location.href = '/login.html'; return; }
  const body = await response.json();
  const rows = $('alerts').tBodies[0];
  rows.replaceChildren();
  if (!response.ok) {
    $('error').textContent = response.status === 403 ? '您的角色无权审查预警。' : (body.detail || body.title);
    $('error').hidden = false;
    return;
  }
  $('summary').textContent = `共 ${body.total} 条预警`;
  for (const a of body.items) {
    const tr = el('tr');
    tr.dataset.id = a.id;
    if (a.overdue) tr.className = 'overdue';
    const due = el('td');
    const link = el('a', time(a.dueAt) || '—');
    link.href = '/alerts/detail.html?id=' + encodeURIComponent(a.id);
    due.appendChild(link);
    if (a.overdue) due.appendChild(el('span', '已超期', 'badge overdue'));
    tr.appendChild(due);
    tr.appendChild(el('td', label(SEVERITY, a.severity), 'severity-' + a.severity));
    tr.appendChild(el('td', a.kind === 'rule_hit' ? label(CATEGORY, a.category) : label(KIND, a.kind)));
    tr.appendChild(el('td', a.employee || '—'));
    tr.appendChild(el('td', label(STATUS, a.status)));
    tr.appendChild(el('td', a.assignee || '—'));
    rows.appendChild(tr);
  }
  const pages = Math.max(1, Math.ceil(body.total / PAGE_SIZE));
  $('page-info').textContent = `第 ${page + 1} / ${pages} 页`;
  $('prev').disabled = page === 0;
  $('next').disabled = page + 1 >= pages;
}

const initial = new URLSearchParams(window.location.search);
for (const id of ['status', 'severity', 'category', 'employee', 'assignee', 'sort']) {
  if (initial.get(id)) $(id).value = initial.get(id);
}
$('filters').addEventListener('submit', e => { e.preventDefault(); page = 0; load(); });
$('prev').addEventListener('click', () => { page = Math.max(0, page - 1); load(); });
$('next').addEventListener('click', () => { page += 1; load(); });
load();
