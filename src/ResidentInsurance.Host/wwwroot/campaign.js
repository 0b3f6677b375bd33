// 征缴进度：按镇（街道）、特殊人群和日期统计参保缴费人数，数据来自参保流程写下的记录。
const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
const GROUP_NAMES = { tekun: '特困供养人员', orphan_and_de_facto_orphan: '孤儿及事实无人抚养儿童', dibao: '低保户', poverty_lifted: '建档立卡脱贫人数', monitored: '监测户', dibao_edge: '低保边缘户' };

async function api(path) {
  const response = await fetch(path);
  if (response.status === 401) { location.href = '/login.html'; throw new Error('未登录'); }
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body ? `${body.title}：${body.detail || ''}` : `请求失败（${response.status}）`);
  return body;
}
function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}
const pct = (bp) => (bp / 100).toFixed(2) + '%';
const yuan = (fen) => (fen / 100).toFixed(2);

function townChart(towns) {
  const width = 960, rowHeight = 26, left = 130, height = towns.length * rowHeight + 30;
  const max = Math.max(1, ...towns.map((t) => Math.max(t.taskNumber, t.enrolled)));
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-label': '各镇完成情况' });
  towns.forEach((t, i) => {
    const y = i * rowHeight + 10;
    const scale = (n) => (n / max) * (width - left - 120);
    chart.append(svg('text', { x: left - 8, y: y + 15, 'text-anchor': 'end', class: 'label' }, t.name));
    chart.append(svg('rect', { x: left, y, width: scale(t.taskNumber), height: 18, class: 'bar-task' }));
    chart.append(svg('rect', { x: left, y: y + 4, width: scale(t.enrolled), height: 10, class: t.completedOn ? 'bar-done' : 'bar-progress' }));
    chart.append(svg('text', { x: left + scale(Math.max(t.taskNumber, t.enrolled)) + 6, y: y + 14, class: 'value' }, `${t.enrolled} / ${t.taskNumber}（${pct(t.rateBp)}）`));
  });
  return chart;
}

function dailyChart(daily, task) {
  const width = 960, height = 260, left = 60, bottom = 30;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-label': '累计参保人数' });
  if (daily.length === 0) { chart.append(svg('text', { x: 20, y: 40 }, '尚无参保缴费记录')); return chart; }
  const max = Math.max(task, ...daily.map((d) => d.enrolled), 1);
  const t0 = Date.parse(daily[0].date), t1 = Math.max(Date.parse(daily[daily.length - 1].date), t0 + 86400000);
  const x = (d) => left + ((Date.parse(d) - t0) / (t1 - t0)) * (width - left - 20);
  const y = (n) => height - bottom - (n / max) * (height - bottom - 20);
  chart.append(svg('line', { x1: left, x2: width - 20, y1: y(task), y2: y(task), class: 'target' }));
  chart.append(svg('text', { x: left + 4, y: y(task) - 4, class: 'value' }, `任务数 ${task}`));
  const points = daily.map((d) => `${x(d.date)},${y(d.enrolled)}`).join(' ');
  chart.append(svg('polyline', { points, class: 'line' }));
  chart.append(svg('text', { x: left, y: height - 8, class: 'value' }, daily[0].date));
  chart.append(svg('text', { x: width - 20, y: height - 8, 'text-anchor': 'end', class: 'value' }, daily[daily.length - 1].date));
  return chart;
}

function render(p) {
  $('dashboard').hidden = false;
  $('enrolled').textContent = p.enrolled;
  $('task').textContent = p.taskNumber;
  $('rate').textContent = pct(p.rateBp);
  $('town-funding').textContent = yuan(p.townFundingFen);
  $('bureau-funding').textContent = yuan(p.bureauFundingFen);
  $('town-chart').replaceChildren(townChart(p.towns));
  $('daily-chart').replaceChildren(dailyChart(p.daily, p.taskNumber));
  $('towns').querySelector('tbody').replaceChildren(...p.towns.map((t) => {
    const tr = document.createElement('tr');
    tr.dataset.town = t.name;
    for (const v of [t.name, t.taskNumber, t.enrolled, pct(t.rateBp), t.completedOn || '未完成', yuan(t.fundingFenPerPerson), yuan(t.fundingFen)]) {
      const td = document.createElement('td'); td.textContent = v; tr.append(td);
    }
    return tr;
  }));
  $('unassigned').textContent = p.unassignedEnrolled ? `另有 ${p.unassignedEnrolled} 人未登记所属镇（街道），计入全县合计。` : '';
  const groups = [...new Set(p.towns.flatMap((t) => Object.keys(t.specialGroups)))];
  $('groups-section').hidden = groups.length === 0;
  const head = document.createElement('tr');
  for (const h of ['镇（街道）', ...groups.map((g) => GROUP_NAMES[g] || g)]) { const th = document.createElement('th'); th.textContent = h; head.append(th); }
  $('groups').querySelector('thead').replaceChildren(head);
  $('groups').querySelector('tbody').replaceChildren(...p.towns.map((t) => {
    const tr = document.createElement('tr');
    const name = document.createElement('td'); name.textContent = t.name; tr.append(name);
    for (const g of groups) { const td = document.createElement('td'); const v = t.specialGroups[g]; td.textContent = v ? `${v.enrolled} / ${v.taskNumber}` : ''; tr.append(td); }
    return tr;
  }));
}

function renderWeek(week) {
  if (!week) return;
  $('ranking-title').textContent = `周通报（截至 ${week.weekEnding}）：各镇（街道）排名`;
  $('week-new').textContent = `本周新增参保缴费 ${week.newThisWeek} 人，累计 ${week.enrolled} 人。`;
  $('ranking').querySelector('tbody').replaceChildren(...week.towns.map((t) => {
    const tr = document.createElement('tr');
    for (const v of [t.rank, t.name, pct(t.rateBp), `${t.enrolled} / ${t.taskNumber}`, t.completedOn || '未完成']) {
      const td = document.createElement('td'); td.textContent = v; tr.append(td);
    }
    return tr;
  }));
}

async function load(event) {
  if (event) event.preventDefault();
  $('error').hidden = true;
  try {
    const base = `/api/campaign/${encodeURIComponent($('region').value)}/${$('year').value}`;
    const weeks = await api(`${base}/weekly?from=${$('as-of').value}&to=${$('as-of').value}`);
    renderWeek(weeks.at(-1));
    render(await api(`${base}?asOf=${$('as-of').value}`));
  } catch (e) {
    $('dashboard').hidden = true;
    $('error').textContent = e.message;
    $('error').hidden = false;
  }
}

const me = await api('/api/auth/me');
$('who').textContent = me.displayName;
const regions = await api('/api/regions');
for (const r of regions.filter((r) => !me.region || r.code === me.region)) {
  const option = document.createElement('option'); option.value = r.code; option.textContent = r.name; $('region').append(option);
}
const params = new URLSearchParams(location.search);
if (params.get('region')) $('region').value = params.get('region');
$('year').value = params.get('year') || (regions.find((r) => r.code === $('region').value) || { benefitYears: [new Date().getFullYear()] }).benefitYears.at(-1);
$('as-of').value = params.get('asOf') || new Date().toISOString().slice(0, 10);
$('query').addEventListener('submit', load);
await load();
