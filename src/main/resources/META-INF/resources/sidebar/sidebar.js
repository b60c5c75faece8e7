// Advisor sidebar (事前拦截): checks the message as it is typed and only lets a checked text out.
// Message text and server data are written with textContent / createElement only, never innerHTML.
import { renderHighlighted } from './highlight.js';
import { canSendInChat, chatContext, inWeCom, loadSdk, sendChatMessage } from './wecom.js';

const DEBOUNCE_MS = 300;

const CATEGORY_NAMES = {
  guarantee_return: '承诺保本保收益',
  insider_info: '内幕消息',
  stock_tip: '荐股与确定性预测',
  discretionary_trading: '代客操作',
  private_dealing: '私下交易/飞单',
  kickback: '返佣回扣',
  pii_leak: '个人信息泄露',
  illegal_leverage: '场外配资',
  absolute_claims: '绝对化用语',
};
const DECISIONS = {
  BLOCK: { badge: '拦截', text: '含违规内容，禁止发送，请修改', css: 'block' },
  WARN: { badge: '提醒', text: '存在合规风险，确认后方可发送', css: 'warn' },
  PASS: { badge: '通过', text: '未发现合规风险', css: 'pass' },
};
const ACTION_NAMES = { BLOCK: '拦截', WARN: '提醒' };

const $ = id => document.getElementById(id);
const compose = $('compose');
const sendButton = $('send');

const state = {
  seq: 0,             // id of the newest check; answers to older ones are dropped
  controller: null,   // aborts the in-flight check when a newer one starts
  timer: 0,
  composing: false,   // IME composition in progress (pinyin not yet committed)
  result: null,       // {text, decision, hits, rulesVersion, tookMicros} of the last completed check
  checking: false,
  failed: false,      // the last check got no answer; nothing may be sent until one succeeds
  sending: false,
  context: { receivers: [], roomId: '' },
};

function categoryName(id) {
  return CATEGORY_NAMES[id] || id;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// --- errors and notices ------------------------------------------------------------------------

function showError(message, link) {
  const box = $('error');
  box.replaceChildren(document.createTextNode(message));
  if (link) {
    box.appendChild(document.createTextNode(' '));
    const a = el('a', null, link.text);
    a.href = link.href;
    box.appendChild(a);
  }
  box.hidden = false;
}

function clearError() {
  $('error').hidden = true;
}

function showStatus(message, kind = 'ok') {
  const box = $('status');
  box.textContent = message;
  box.className = 'notice notice-' + kind;
  box.hidden = false;
}

/** Turns a failed API response into Chinese text; 401 asks for a fresh sign-in. */
async function reportFailure(response) {
  if (response.status === 401) {
    showError('登录已过期，请重新登录。', { text: '去登录', href: '/login.html' });
    return;
  }
  if (response.status === 403) {
    showError('当前账号没有投资顾问权限，无法使用事前合规检查。');
    return;
  }
  let problem = {};
  try { problem = await response.json(); } catch (_) { /* not problem+json */ }
  if (response.status === 400) {
    const lead = problem.type === 'urn:chatguard:problem:text-too-long' ? '消息过长，无法检查' : '请求无效，无法检查';
    showError(problem.detail ? `${lead}：${problem.detail}` : `${lead}。`);
    return;
  }
  showError(`合规检查服务暂时不可用（HTTP ${response.status}），请稍后重试。消息未经检查，暂不能发送。`);
}

// --- checking ----------------------------------------------------------------------------------

function onInput() {
  $('char-count').textContent = [...compose.value].length + ' 字';
  $('status').hidden = true;
  state.failed = false;
  clearTimeout(state.timer);
  if (!state.composing) state.timer = setTimeout(check, DEBOUNCE_MS);
  render();
}

async function check() {
  const text = compose.value;
  const seq = ++state.seq;
  if (state.controller) state.controller.abort();
  state.controller = null;
  if (text.trim() === '') {
    state.result = null;
    state.checking = false;
    clearError();
    render();
    return;
  }
  const controller = new AbortController();
  state.controller = controller;
  state.checking = true;
  render();
  try {
    // As-you-type checks are recorded as drafts; the check at send time is the attempt itself.
    const response = await postPrecheck(text, 'typing', controller.signal);
    if (seq !== state.seq) return;
    if (!response.ok) {
      state.result = null; // fail closed: nothing unchecked goes out
      state.failed = true;
      await reportFailure(response);
      return;
    }
    const body = await response.json();
    if (seq !== state.seq) return; // a newer check started while the body was read
    clearError();
    state.result = { text, ...body };
    if (body.decision !== 'PASS') refreshRecentSoon();
  } catch (e) {
    if (e.name === 'AbortError' || seq !== state.seq) return;
    state.result = null;
    state.failed = true;
    showError('网络异常，无法完成合规检查，请检查网络后重试。消息未经检查，暂不能发送。');
  } finally {
    if (seq === state.seq) {
      state.checking = false;
      state.controller = null;
      render();
    }
  }
}

/** POST /api/v1/precheck for {@code text} in this chat; stage 'typing' (a draft) or 'send'. */
function postPrecheck(text, stage, signal) {
  return fetch('/api/v1/precheck', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify({ text, sender: null, receivers: state.context.receivers, roomId: state.context.roomId, stage }),
    signal,
  });
}

/** The last result, if it is for exactly what is in the compose box now. */
function currentResult() {
  const r = state.result;
  return r && r.text === compose.value && !state.checking ? r : null;
}

// --- rendering ---------------------------------------------------------------------------------

function render() {
  const verdict = $('verdict');
  const result = currentResult();
  let css;
  let badge;
  let text;
  if (compose.value.trim() === '') {
    [css, badge, text] = ['idle', '待输入', '输入消息后自动检查'];
  } else if (!result) {
    [css, badge, text] = state.failed
      ? ['error', '未检查', '检查未完成，暂不能发送']
      : ['pending', '检查中', '正在检查合规风险…'];
  } else {
    const d = DECISIONS[result.decision];
    [css, badge, text] = [d.css, d.badge, d.text];
  }
  verdict.className = 'verdict verdict-' + css;
  verdict.dataset.state = css;
  $('verdict-badge').textContent = badge;
  $('verdict-text').textContent = text;

  // Hits stay visible while the next check runs, so the highlight does not flicker per keystroke.
  const shown = state.result && compose.value.trim() !== '' ? state.result : null;
  renderResult(shown);
  renderSendButton(result);
}

function renderResult(result) {
  const section = $('result');
  if (!result || result.hits.length === 0) {
    section.hidden = true;
    return;
  }
  section.hidden = false;
  renderHighlighted($('preview'), result.text, result.hits);
  const list = $('hits');
  list.replaceChildren();
  result.hits.forEach((hit, i) => {
    const li = el('li', 'hit-item hit-item-' + (hit.action === 'BLOCK' ? 'block' : 'warn'));
    li.dataset.hit = String(i + 1);
    const head = el('div', 'hit-head');
    head.appendChild(el('span', 'tag tag-' + (hit.action === 'BLOCK' ? 'block' : 'warn'), ACTION_NAMES[hit.action] || hit.action));
    head.appendChild(el('span', 'hit-category', categoryName(hit.category)));
    li.appendChild(head);
    li.appendChild(el('p', 'hit-description', hit.description || ''));
    const typed = el('p', 'hit-typed', '原文：');
    typed.appendChild(el('q', 'hit-original', hit.original || result.text.slice(hit.start, hit.end)));
    li.appendChild(typed);
    list.appendChild(li);
  });
  $('rules-version').textContent = `规则版本 ${result.rulesVersion} · 用时 ${(result.tookMicros / 1000).toFixed(1)} 毫秒`;
}

function renderSendButton(result) {
  const wecom = canSendInChat();
  let label = wecom ? '发送' : '复制消息';
  let enabled = false;
  if (result && result.decision === 'BLOCK') {
    label = '禁止发送';
  } else if (result && result.decision === 'WARN') {
    label = wecom ? '确认后发送' : '确认后复制';
    enabled = true;
  } else if (result && result.decision === 'PASS') {
    enabled = true;
  }
  sendButton.textContent = label;
  sendButton.disabled = !enabled || state.sending;
  sendButton.dataset.decision = result ? result.decision : '';
}

// --- sending -----------------------------------------------------------------------------------

function onSend() {
  const result = currentResult();
  if (!result || result.decision === 'BLOCK' || state.sending) return; // the button should already say so
  if (result.decision === 'WARN') openConfirm(result); else deliver(result.text);
}

function openConfirm(result) {
  const list = $('confirm-hits');
  list.replaceChildren();
  for (const hit of result.hits) {
    const li = el('li', null, `${categoryName(hit.category)}：`);
    li.appendChild(el('q', null, hit.original || result.text.slice(hit.start, hit.end)));
    list.appendChild(li);
  }
  $('confirm').hidden = false;
  $('confirm-cancel').focus();
}

function closeConfirm() {
  $('confirm').hidden = true;
}

async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (_) { /* denied or page not focused: try the selection fallback */ }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'offscreen';
  document.body.appendChild(area);
  area.select();
  let copied = false;
  try { copied = document.execCommand('copy'); } catch (_) { copied = false; }
  area.remove();
  return copied;
}

/** The check recorded as the send attempt; returns its decision, or null when it could not run. */
async function checkForSend(text) {
  try {
    const response = await postPrecheck(text, 'send');
    if (!response.ok) {
      await reportFailure(response);
      return null;
    }
    const body = await response.json();
    state.result = { text, ...body };
    return body.decision;
  } catch (_) {
    showError('网络异常，无法完成合规检查，请检查网络后重试。消息未经检查，暂不能发送。');
    return null;
  }
}

async function deliver(text) {
  // Re-read at the moment of sending: only the exact checked text may leave.
  const result = currentResult();
  if (!result || result.text !== text || result.decision === 'BLOCK') return;
  state.sending = true;
  render();
  try {
    // Checked once more as the send attempt; rules may have changed since the last keystroke.
    const decision = await checkForSend(text);
    if (decision === null || decision === 'BLOCK' || (decision === 'WARN' && result.decision !== 'WARN')) {
      if (decision === 'WARN') showStatus('规则已更新，该消息需要确认后才能发送。', 'warn');
      return;
    }
    if (canSendInChat()) {
      try {
        await sendChatMessage(text);
        compose.value = '';
        onInput(); // an empty box: nothing left to check or send
        showStatus('已发送到当前会话。');
        return;
      } catch (e) {
        const copied = await copyText(text);
        showStatus(copied ? `企业微信未能直接发送（${e.message}），消息已复制到剪贴板，请粘贴后发送。`
          : `企业微信未能直接发送（${e.message}），请手动复制消息。`, 'warn');
        return;
      }
    }
    const copied = await copyText(text);
    if (copied) showStatus('消息已复制到剪贴板，请粘贴到聊天窗口发送。');
    else showStatus('无法自动复制，请长按输入框手动复制。', 'warn');
  } finally {
    state.sending = false;
    render();
  }
}

// --- recent decisions --------------------------------------------------------------------------

let recentTimer = 0;
function refreshRecentSoon() {
  clearTimeout(recentTimer);
  recentTimer = setTimeout(loadRecent, 1000);
}

function formatTime(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = n => String(n).padStart(2, '0');
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

async function loadRecent() {
  let decisions;
  try {
    const response = await fetch('/api/v1/precheck-decisions?limit=20', { headers: { Accept: 'application/json' } });
    if (!response.ok) return; // the compose box reports auth problems; the history is secondary
    decisions = await response.json();
  } catch (_) {
    return;
  }
  const list = $('recent-list');
  list.replaceChildren();
  for (const d of decisions) {
    const li = el('li', 'recent-item');
    const head = el('div', 'recent-head');
    head.appendChild(el('span', 'tag tag-' + (d.decision === 'BLOCK' ? 'block' : 'warn'), ACTION_NAMES[d.decision] || d.decision));
    const categories = [...new Set((d.hits || []).map(h => categoryName(h.category)))].join('、');
    head.appendChild(el('span', 'recent-category', categories));
    head.appendChild(el('time', 'recent-time', formatTime(d.decidedAt)));
    if (d.stage === 'typing') head.appendChild(el('span', 'recent-stage', '输入中'));
    li.appendChild(head);
    li.appendChild(el('p', 'recent-text', d.text));
    list.appendChild(li);
  }
  $('recent-empty').hidden = decisions.length > 0;
}

// --- start -------------------------------------------------------------------------------------

async function start() {
  $('env-hint').textContent = inWeCom() ? '企业微信会话：通过后直接发送' : '浏览器中：通过后复制到剪贴板';
  compose.addEventListener('input', onInput);
  compose.addEventListener('compositionstart', () => { state.composing = true; });
  compose.addEventListener('compositionend', () => { state.composing = false; onInput(); });
  sendButton.addEventListener('click', onSend);
  $('confirm-cancel').addEventListener('click', () => { closeConfirm(); compose.focus(); });
  $('confirm-ok').addEventListener('click', () => {
    closeConfirm();
    const result = currentResult();
    if (result && result.decision === 'WARN') deliver(result.text);
  });
  document.addEventListener('keydown', e => { if (e.key === 'Escape' && !$('confirm').hidden) closeConfirm(); });
  // The toolbar page can stay open while the advisor switches chats: re-read who the chat is with.
  document.addEventListener('visibilitychange', async () => {
    if (document.visibilityState === 'visible' && canSendInChat()) state.context = await chatContext();
  });
  render();

  try {
    const me = await fetch('/api/v1/me', { headers: { Accept: 'application/json' } });
    if (!me.ok) {
      await reportFailure(me);
    } else {
      const body = await me.json();
      $('user-name').textContent = body.name;
      if (!body.roles.includes('advisor')) showError('当前账号没有投资顾问权限，无法使用事前合规检查。');
    }
  } catch (_) {
    showError('网络异常，无法连接 ChatGuard，请检查网络后重试。');
  }
  loadRecent();
  if (await loadSdk()) {
    state.context = await chatContext();
    render();
  }
}

start();
