// Landing page: who is signed in, what their roles offer, and whether the service is ready.
// All server data is written with textContent, never innerHTML.
const ROLE_NAMES = { advisor: '投资顾问', officer: '合规专员', regulator: '监管机构', admin: '系统管理员' };
const FEATURES = {
  officer: ['合规看板', '会话存档检索', '预警审查', '合规规则', '合规报告'],
  regulator: ['共享给我的合规报告'],
  admin: ['API 令牌管理', '审计日志', '存档采集状态'],
  advisor: ['发送前合规检查'],
};
const LINKS = { '发送前合规检查': '/sidebar/', '会话存档检索': '/search/', '预警审查': '/alerts/', '合规规则': '/rules/', '合规看板': '/dashboard/', '合规报告': '/reports/',
  '共享给我的合规报告': '/reports/' };

async function load() {
  const me = await fetch('/api/v1/me', { headers: { Accept: 'application/json' } });
  if (me.status === 401) { window.location.href = '/login.html'; return; }
  const body = await me.json();
  // Advisors have one screen, the pre-send sidebar: send them straight there after login.
  if (body.roles.length > 0 && body.roles.every(r => r === 'advisor')) {
    window.location.replace('/sidebar/');
    return;
  }
  document.getElementById('user-name').textContent = body.name;
  document.getElementById('user-roles').textContent = body.roles.map(r => ROLE_NAMES[r] || r).join('、');
  const list = document.getElementById('features');
  for (const role of body.roles) {
    for (const feature of FEATURES[role] || []) {
      const li = document.createElement('li');
      if (LINKS[feature]) {
        const a = document.createElement('a');
        a.href = LINKS[feature];
        a.textContent = feature;
        li.appendChild(a);
      } else {
        li.textContent = feature;
      }
      list.appendChild(li);
    }
  }
  const health = await fetch('/q/health/ready');
  document.getElementById('health').textContent = health.ok ? '正常' : '异常（请联系系统管理员）';
}
load();
