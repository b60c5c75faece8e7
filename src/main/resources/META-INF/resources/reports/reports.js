// Reports: officers create, share and download them; regulators download those shared with them.
// Server data is written with textContent only.
import { CATEGORY, el, time } from '/alerts/labels.js';

const $ = id => document.getElementById(id);
const OUTCOME = { open: '待处理', claimed: '处理中', escalated: '已升级', violation: '确认违规', false_positive: '误报', no_action: '无需处理' };
const STATUS = { queued: '排队中', running: '导出中', done: '已完成', failed: '失败' };
const FILES = [['report.pdf', 'PDF'], ['report.xlsx', 'Excel'], ['alerts.csv', 'CSV'], ['package.zip', '证据包']];
let officer = false;
let timer = null;

function showError(text) {
  $('error').textContent = text;
  $('error').hidden = false;
}

async function api(path, options = {}) {
  const response = await fetch(path, { ...options, headers: { Accept: 'application/json', 'Content-Type': 'application/json' } });
  if (response.status === 401) { window.location.href = '/login.html'; return null; }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    showError(response.status === 403 ? '您的角色无权执行此操作。' : (body.detail || body.title || '请求失败'));
    return null;
  }
  return body;
}

function fill(select, names) {
  for (const [code, name] of Object.entries(names)) {
    const option = el('option', name);
    option.value = code;
    select.appendChild(option);
  }
}

function row(r) {
  const tr = el('tr');
  tr.dataset.id = r.id;
  tr.appendChild(el('td', String(r.id)));
  tr.appendChild(el('td', r.title));
  tr.appendChild(el('td', `${time(r.periodFrom)} 至 ${time(r.periodTo)}`));
  const progress = r.status === 'running' && r.totalAlerts != null ? `（${r.doneAlerts} / ${r.totalAlerts}）` : '';
  const status = el('td', (STATUS[r.status] || r.status) + progress, 'status');
  if (r.error) status.title = r.error;
  tr.appendChild(status);
  tr.appendChild(el('td', r.createdBy));
  const files = el('td', null, 'files');
  if (r.status === 'done') {
    if (r.expiresAt && new Date(r.expiresAt) <= new Date()) {
      files.textContent = '已过期';
    } else {
      for (const [name, text] of FILES) {
        const a = el('a', text);
        a.href = `/api/v1/reports/${encodeURIComponent(r.id)}/files/${name}`;
        files.appendChild(a);
        files.appendChild(document.createTextNode(' '));
      }
      files.appendChild(el('span', `有效期至 ${time(r.expiresAt)}`, 'hint'));
    }
  }
  tr.appendChild(files);
  if (officer) {
    const share = el('td');
    const form = el('div', null, 'share');
    const input = el('input');
    input.placeholder = '监管用户名';
    const button = el('button', '共享');
    button.type = 'button';
    form.appendChild(input);
    form.appendChild(button);
    button.addEventListener('click', async () => {
      $('error').hidden = true;
      const regulator = input.value.trim();
      if (!regulator) { showError('请填写监管用户名。'); return; }
      const done = await api(`/api/v1/reports/${r.id}/shares`, { method: 'POST', body: JSON.stringify({ regulator }) });
      if (done) { input.value = ''; form.appendChild(el('span', ` 已共享给 ${regulator}`, 'hint')); }
    });
    share.appendChild(form);
    tr.appendChild(share);
  }
  return tr;
}

async function load() {
  const reports = await api('/api/v1/reports?size=100');
  if (!reports) return;
  const body = $('reports').tBodies[0];
  body.replaceChildren(...reports.map(row));
  if (reports.length === 0) body.appendChild(el('tr')).appendChild(el('td', '暂无报告'));
  clearTimeout(timer);
  if (reports.some(r => r.status === 'queued' || r.status === 'running')) timer = setTimeout(load, 1000);
}

async function start() {
  const me = await api('/api/v1/me');
  if (!me) return;
  officer = me.roles.includes('officer');
  $('create-card').hidden = !officer;
  $('share-head').hidden = !officer;
  fill($('categories'), CATEGORY);
  fill($('outcomes'), OUTCOME);
  const key = await api('/api/v1/reports/signing-key');
  if (key) $('fingerprint').textContent = key.fingerprint;
  $('create').addEventListener('submit', async e => {
    e.preventDefault();
    $('error').hidden = true;
    const selected = id => [...$(id).selectedOptions].map(o => o.value);
    const request = {
      title: $('title').value.trim(),
      from: $('from').value ? new Date($('from').value).toISOString() : null,
      to: $('to').value ? new Date($('to').value).toISOString() : null,
      employees: $('employees').value.split(/[,，\s]+/).filter(Boolean),
      categories: selected('categories'),
      outcomes: selected('outcomes'),
    };
    if (await api('/api/v1/reports', { method: 'POST', body: JSON.stringify(request) })) load();
  });
  load();
}
start();

