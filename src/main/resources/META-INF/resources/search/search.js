// Archive search for compliance officers. Message content is attacker-controlled (clients can send
// anything), so every piece of server data is written with textContent, never innerHTML.
const PAGE_SIZE = 20;
import { CATEGORY, STATUS, el, label } from '/alerts/labels.js';

const TYPE_NAMES = { text: '文本', image: '图片', voice: '语音', video: '视频', file: '文件', link: '链接',
  mixed: '图文混排', chatrecord: '聊天记录', revoke: '撤回' };
const $ = id => document.getElementById(id);
const FILTERS = ['q', 'sender', 'receiver', 'room', 'msgtype', 'category', 'alertStatus', 'sort'];
let page = 0;

for (const [select, names] of [['category', CATEGORY], ['alertStatus', STATUS]]) {
  for (const [code, name] of Object.entries(names)) {
    const option = el('option', name);
    option.value = code;
    $(select).appendChild(option);
  }
}

function isoOrEmpty(local) {
  return local ? new Date(local).toISOString() : '';
}

function params() {
  const p = new URLSearchParams();
  for (const id of FILTERS) {
    const v = $(id).value.trim();
    if (v) p.set(id, v);
  }
  const from = isoOrEmpty($('from').value);
  const to = isoOrEmpty($('to').value);
  if (from) p.set('from', from);
  if (to) p.set('to', to);
  p.set('page', page);
  p.set('size', PAGE_SIZE);
  return p;
}

/** The snippet with each [start, end) highlight in a <mark>. */
function snippet(text, highlights) {
  const el = document.createElement('div');
  el.className = 'snippet';
  let at = 0;
  for (const [start, end] of highlights) {
    if (start > at) el.appendChild(document.createTextNode(text.slice(at, start)));
    const mark = document.createElement('mark');
    mark.textContent = text.slice(start, end);
    el.appendChild(mark);
    at = end;
  }
  if (at < text.length) el.appendChild(document.createTextNode(text.slice(at)));
  return el;
}

function meta(hit) {
  const el = document.createElement('div');
  el.className = 'meta';
  const parts = [
    new Date(hit.msgtime).toLocaleString('zh-CN', { hour12: false }),
    `${hit.from || '（未知）'} → ${hit.tolist.join('、') || '（无）'}`,
    hit.roomid ? `群聊 ${hit.roomid}` : '单聊',
    TYPE_NAMES[hit.msgtype] || hit.msgtype,
    `消息 ID ${hit.msgid}`,
  ];
  for (const part of parts) {
    const span = document.createElement('span');
    span.textContent = part;
    el.appendChild(span);
  }
  return el;
}

/** What happened to the message: the categories its rules hit and the status of its alerts. */
function tags(hit) {
  const div = el('div', null, 'tags');
  for (const c of hit.categories) div.appendChild(el('span', label(CATEGORY, c), 'tag category'));
  for (const s of hit.alertStatuses) div.appendChild(el('span', '预警' + label(STATUS, s), 'tag status-' + s));
  return div;
}

async function search() {
  $('error').hidden = true;
  const response = await fetch('/api/v1/search?' + params(), { headers: { Accept: 'application/json' } });
  if (response.status === 401) { window.location.href = '/login.html'; return; }
  const body = await response.json();
  const results = $('results');
  results.replaceChildren();
  if (!response.ok) {
    $('error').textContent = response.status === 403 ? '您的角色无权检索会话存档。'
      : `检索条件有误：${body.detail || body.title}`;
    $('error').hidden = false;
    $('summary').textContent = '';
    $('prev').disabled = $('next').disabled = true;
    return;
  }
  const r = body.rebuilding;
  $('rebuilding').hidden = !r;
  if (r) $('rebuilding').textContent = `检索索引正在重建（已索引 ${r.indexed} / ${r.total} 条），尚未重建到的消息不在结果中，请稍后再检索。`;
  $('summary').textContent = `共 ${body.total} 条消息`;
  for (const hit of body.hits) {
    const li = document.createElement('li');
    li.className = 'hit';
    li.appendChild(meta(hit));
    if (hit.categories.length || hit.alertStatuses.length) li.appendChild(tags(hit));
    li.appendChild(snippet(hit.snippet, hit.highlights));
    const open = document.createElement('a');
    open.className = 'open';
    open.href = '/search/conversation.html?msgid=' + encodeURIComponent(hit.msgid);
    open.textContent = '查看会话上下文';
    li.appendChild(open);
    results.appendChild(li);
  }
  const pages = Math.max(1, Math.ceil(body.total / PAGE_SIZE));
  $('page-info').textContent = `第 ${page + 1} / ${pages} 页`;
  $('prev').disabled = page === 0;
  $('next').disabled = page + 1 >= pages;
}

$('search-form').addEventListener('submit', e => { e.preventDefault(); page = 0; search(); });
$('prev').addEventListener('click', () => { page = Math.max(0, page - 1); search(); });
$('next').addEventListener('click', () => { page += 1; search(); });
// Filters can come in the address (e.g. from the dashboard): /search/?category=guarantee_return
const initial = new URLSearchParams(window.location.search);
let given = false;
for (const id of FILTERS) {
  if (initial.get(id)) { $(id).value = initial.get(id); given = true; }
}
if (given) search();
