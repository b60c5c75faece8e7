// Alert counts over a period as charts (ECharts, served by ChatGuard). Labels that come from data
// (employee ids, departments) are passed to ECharts as plain strings, which it draws as text.
import { CATEGORY, KIND, STATUS, label } from '/alerts/labels.js';

const $ = id => document.getElementById(id);
const charts = {};

function chart(id) {
  if (!charts[id]) charts[id] = echarts.init($(id), null, { renderer: 'canvas' });
  return charts[id];
}

function bars(id, counts, name) {
  chart(id).setOption({
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
    tooltip: {},
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: counts.map(c => name(c.key)) },
    series: [{ type: 'bar', data: counts.map(c => c.count), itemStyle: { color: '#0b5cab' } }],
  }, true);
}

function dayString(date) {
  return date.toISOString().slice(0, 10);
}

async function load() {
  $('error').hidden = true;
  const p = new URLSearchParams();
  // Whole days in China Standard Time, as the counts by day are.
  if ($('from').value) p.set('from', new Date($('from').value + 'T00:00:00+08:00').toISOString());
  if ($('to').value) p.set('to', new Date(new Date($('to').value + 'T00:00:00+08:00').getTime() + 86400000).toISOString());
  const response = await fetch('/api/v1/alerts/stats?' + p, { headers: { Accept: 'application/json' } });
  if (response.status === 401) { window.location.href = '/login.html'; return; }
  const stats = await response.json();
  if (!response.ok) {
    $('error').textContent = response.status === 403 ? '您的角色无权查看看板。' : (stats.detail || stats.title);
    $('error').hidden = false;
    return;
  }
  $('summary').textContent = `${new Date(stats.from).toLocaleDateString('zh-CN')} 至 ${new Date(stats.to).toLocaleDateString('zh-CN')}，共 ${stats.total} 条预警`;
  chart('by-day').setOption({
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: stats.byDay.map(c => c.key) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'line', data: stats.byDay.map(c => c.count), areaStyle: {}, itemStyle: { color: '#0b5cab' } }],
  }, true);
  bars('by-category', stats.byCategory, k => CATEGORY[k] || label(KIND, k));
  chart('by-status').setOption({
    tooltip: {},
    series: [{ type: 'pie', radius: ['35%', '65%'],
      data: stats.byStatus.map(c => ({ name: label(STATUS, c.key), value: c.count })) }],
  }, true);
  bars('by-employee', stats.byEmployee, k => k || '（无）');
  bars('by-department', stats.byDepartment, k => k || '（未登记部门）');
}

const today = new Date();
$('to').value = dayString(today);
$('from').value = dayString(new Date(today.getTime() - 29 * 86400000));
$('period').addEventListener('submit', e => { e.preventDefault(); load(); });
window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
load();
