// A message with the messages around it in its conversation. Message content is attacker-controlled,
// so every piece of server data is written with textContent, never innerHTML.
const $ = id => document.getElementById(id);
const KIND_NAMES = { image: '图片', voice: '语音', video: '视频', file: '文件', emotion: '表情' };
const TYPE_NAMES = { text: '文本', image: '图片', voice: '语音', video: '视频', file: '文件', link: '链接',
  mixed: '图文混排', chatrecord: '聊天记录', emotion: '表情' };

function mediaList(message) {
  const ul = document.createElement('ul');
  ul.className = 'media';
  for (const m of message.media) {
    const li = document.createElement('li');
    const label = `${KIND_NAMES[m.kind] || m.kind}${m.size != null ? `（${m.size} 字节）` : ''}`;
    if (m.status === 'stored') {
      const a = document.createElement('a');
      a.href = `/api/v1/messages/${encodeURIComponent(message.msgid)}/media/${m.index}`;
      a.textContent = `下载${label}`;
      li.appendChild(a);
      const hash = document.createElement('span');
      hash.className = 'hash';
      hash.textContent = ` SHA-256 ${m.sha256}`;
      li.appendChild(hash);
    } else {
      li.textContent = `${label}未能存档：${m.error || '原因未知'}`;
    }
    ul.appendChild(li);
  }
  return ul;
}

async function load() {
  const msgid = new URLSearchParams(window.location.search).get('msgid');
  if (!msgid) { $('error').textContent = '缺少消息 ID。'; $('error').hidden = false; return; }
  const response = await fetch(`/api/v1/messages/${encodeURIComponent(msgid)}/conversation?around=20`,
    { headers: { Accept: 'application/json' } });
  if (response.status === 401) { window.location.href = '/login.html'; return; }
  const body = await response.json();
  if (!response.ok) {
    $('error').textContent = response.status === 403 ? '您的角色无权查看会话。' : (body.detail || body.title);
    $('error').hidden = false;
    return;
  }
  $('summary').textContent = `消息 ${msgid} 前后各最多 20 条，共 ${body.messages.length} 条`;
  for (const m of body.messages) {
    const li = document.createElement('li');
    if (m.msgid === msgid) li.className = 'current';
    const meta = document.createElement('div');
    meta.className = 'meta';
    for (const part of [new Date(m.msgtime).toLocaleString('zh-CN', { hour12: false }), m.from || '（未知）',
      m.action === 'recall' ? '撤回' : (TYPE_NAMES[m.msgtype] || m.msgtype)]) {
      const span = document.createElement('span');
      span.textContent = part;
      meta.appendChild(span);
    }
    li.appendChild(meta);
    const text = document.createElement('div');
    text.className = 'snippet';
    text.textContent = m.text;
    li.appendChild(text);
    if (m.media.length > 0) li.appendChild(mediaList(m));
    $('thread').appendChild(li);
  }
  const current = document.querySelector('#thread li.current');
  if (current) current.scrollIntoView({ block: 'center' });
}
load();
