// 征缴进度：按镇（街道）、村（社区）、特殊人群和日期统计参保缴费人数，数据全部来自参保流程写下的记录。
// 图表用 Chart.js（由本平台自带，不走外网 CDN）；图表库缺失时只显示表格。
const $ = (id) => document.getElementById(id);
const IDENTITY_NAMES = {
  tekun: '特困人员', orphan: '孤儿', de_facto_orphan: '事实无人抚养儿童', orphan_and_de_facto_orphan: '孤儿及事实无人抚养儿童', dibao: '低保对象',
  poverty_registered: '建档立卡贫困人口', poverty_lifted: '脱贫人口', monitored: '监测户', dibao_edge: '低保边缘户', returned_to_poverty: '返贫致贫人口',
  severe_disability: '重度残疾人', family_planning: '计生对象', priority_care: '重点优抚对象', veteran_discharged: '退役军人',
};
const name = (code) => IDENTITY_NAMES[code] || code;
const pct = (bp) => (bp / 100).toFixed(2) + '%';
const yuan = (fen) => (fen / 100).toFixed(2);
const charts = {};
let current = null;

async function api(path) {
  const response = await fetch(path);
  if (response.status === 401) { location.href = '/login.html'; throw new Error('未登录'); }
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body ? `${body.title}：${body.detail || ''}` : `请求失败（${response.status}）`);
  return body;
}

function rows(tbody, items, cells, decorate) {
  $(tbody).querySelector('tbody').replaceChildren(...items.map((item) => {
    const tr = document.createElement('tr');
    for (const value of cells(item)) { const td = document.createElement('td'); td.textContent = value ?? ''; tr.append(td); }
    if (decorate) decorate(tr, item);
    return tr;
  }));
}

function draw(id, config) {
  if (!window.Chart) { $('chart-missing').hidden = false; return; }
  if (charts[id]) charts[id].destroy();
  charts[id] = new window.Chart($(id), { ...config, options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options } });
}

function townChart(p) {
  const datasets = [{ type: 'bar', label: '完成率（%）', data: p.towns.map((t) => t.rateBp / 100), backgroundColor: p.towns.map((t) => t.completedOn ? '#2f9e44' : '#f0b429') }];
  if (p.targetRateBp) datasets.push({ type: 'line', label: `目标 ${pct(p.targetRateBp)}`, data: p.towns.map(() => p.targetRateBp / 100), borderColor: '#c81e1e', borderDash: [6, 4], pointRadius: 0 });
  draw('town-chart', { data: { labels: p.towns.map((t) => t.name), datasets }, options: { scales: { y: { beginAtZero: true, title: { display: true, text: '%' } } } } });
}

// Cumulative enrolled against the task number, for the county or one town, over the collection period.
function dailyChart(p) {
  const town = $('curve-town').value;
  const series = town ? p.towns.find((t) => t.name === town) : null;
  const daily = series ? series.daily : p.daily;
  const task = series ? series.taskNumber : p.taskNumber;
  draw('daily-chart', {
    type: 'line',
    data: {
      labels: daily.map((d) => d.date),
      datasets: [
        { label: `${town || '合计'}累计参保缴费`, data: daily.map((d) => d.enrolled), borderColor: '#0b6bcb', stepped: true, pointRadius: 0 },
        { label: `任务数 ${task}`, data: daily.map(() => task), borderColor: '#c81e1e', borderDash: [6, 4], pointRadius: 0 },
      ],
    },
    options: { scales: { y: { beginAtZero: true } } },
  });
}

// Special groups: the departments' lists (listed / enrolled) and, where the plan has them, the group task numbers.
function groupChart(p, worklist) {
  const planned = {};
  for (const t of p.towns) for (const [g, v] of Object.entries(t.specialGroups)) {
    planned[g] = planned[g] || { task: 0, enrolled: 0 }; planned[g].task += v.taskNumber; planned[g].enrolled += v.enrolled;
  }
  const labels = [], rates = [];
  for (const c of worklist.coverage) { labels.push(`${name(c.identity)}（名单 ${c.listed} 人）`); rates.push(c.rateBp / 100); }
  for (const [g, v] of Object.entries(planned)) { labels.push(`${name(g)}（任务 ${v.task} 人）`); rates.push(v.task ? Math.round(v.enrolled * 10000 / v.task) / 100 : 0); }
  draw('group-chart', { type: 'bar', data: { labels, datasets: [{ label: '参保率（%）', data: rates, backgroundColor: '#0b6bcb' }] }, options: { indexAxis: 'y', scales: { x: { beginAtZero: true, max: 100 } } } });
}

function render(p, week, villages, worklist) {
  current = { p, villages };
  $('dashboard').hidden = false;
  $('enrolled').textContent = p.enrolled;
  $('task').textContent = p.taskNumber;
  $('rate').textContent = pct(p.rateBp);
  $('target').textContent = p.targetRateBp ? pct(p.targetRateBp) : '—';
  $('days-left').textContent = p.daysLeft ?? '—';
  $('town-funding').textContent = yuan(p.townFundingFen);
  $('bureau-funding').textContent = yuan(p.bureauFundingFen);
  for (const select of ['curve-town', 'village-town']) {
    const keep = $(select).value;
    const options = (select === 'curve-town' && p.towns.length > 1 ? [['', '全部']] : []).concat(p.towns.map((t) => [t.name, t.name]));
    $(select).replaceChildren(...options.map(([value, text]) => Object.assign(document.createElement('option'), { value, textContent: text })));
    if (options.some(([value]) => value === keep)) $(select).value = keep;
  }
  townChart(p);
  dailyChart(p);
  groupChart(p, worklist);
  rows('towns', p.towns, (t) => [t.name, t.taskNumber, t.enrolled, pct(t.rateBp), t.completedOn || '未完成', yuan(t.fundingFenPerPerson), yuan(t.fundingFen)], (tr, t) => { tr.dataset.town = t.name; });
  $('unassigned').textContent = p.unassignedEnrolled ? `另有 ${p.unassignedEnrolled} 人未登记所属镇（街道），计入合计。` : '';
  const groups = [...new Set(p.towns.flatMap((t) => Object.keys(t.specialGroups)))];
  $('groups-section').hidden = groups.length === 0;
  const head = document.createElement('tr');
  for (const h of ['镇（街道）', ...groups.map(name)]) head.append(Object.assign(document.createElement('th'), { textContent: h }));
  $('groups').querySelector('thead').replaceChildren(head);
  rows('groups', p.towns, (t) => [t.name, ...groups.map((g) => t.specialGroups[g] ? `${t.specialGroups[g].enrolled} / ${t.specialGroups[g].taskNumber}` : '')]);
  if (week) {
    $('ranking-title').textContent = `周通报（截至 ${week.weekEnding}）：各镇（街道）排名`;
    $('week-new').textContent = `本周新增参保缴费 ${week.newThisWeek} 人，累计 ${week.enrolled} 人，完成率 ${pct(week.rateBp)}。标“滞后”的镇（街道）完成率低于同日全县完成率。`;
    rows('ranking', week.towns, (t) => [t.rank, t.name, pct(t.rateBp), `${t.enrolled} / ${t.taskNumber}`, t.gap, t.changeSinceLastWeek, t.completedOn || '未完成', t.lagging ? '滞后' : ''],
      (tr, t) => { tr.classList.toggle('lagging', t.lagging); tr.lastChild.classList.add('mark'); });
  }
  renderVillages();
  $('worklist-count').textContent = `共 ${worklist.notEnrolled.length} 人${worklist.notEnrolled.length > 200 ? '，页面显示前 200 人，完整名单请导出' : ''}`;
  rows('worklist', worklist.notEnrolled.slice(0, 200), (w) => [w.name, w.idNumber, w.identityName, w.town || '（未登记）', w.village || '', w.department || '']);
}

function renderVillages() {
  const town = (current.villages || []).find((v) => v.town === $('village-town').value) || { villages: [] };
  rows('villages', town.villages, (v) => [v.village, v.enrolled, v.newThisWeek, Object.entries(v.byIdentity).map(([k, n]) => `${name(k)} ${n}`).join('、')]);
}

async function load(event) {
  if (event) event.preventDefault();
  $('error').hidden = true;
  try {
    const base = `/api/campaign/${encodeURIComponent($('region').value)}/${$('year').value}`;
    const asOf = $('as-of').value;
    const [progress, weeks, villages, worklist] = await Promise.all([
      api(`${base}?asOf=${asOf}`), api(`${base}/weekly?from=${asOf}&to=${asOf}`), api(`${base}/villages?asOf=${asOf}`), api(`${base}/worklist?asOf=${asOf}`),
    ]);
    for (const sheet of ['weekly', 'villages', 'worklist', 'settlement']) $(`download-${sheet}`).href = `${base}/${sheet}.xlsx?asOf=${asOf}`;
    render(progress, weeks.at(-1), villages, worklist);
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
  $('region').append(Object.assign(document.createElement('option'), { value: r.code, textContent: r.name }));
}
const params = new URLSearchParams(location.search);
if (params.get('region')) $('region').value = params.get('region');
$('year').value = params.get('year') || (regions.find((r) => r.code === $('region').value) || { benefitYears: [new Date().getFullYear()] }).benefitYears.at(-1);
$('as-of').value = params.get('asOf') || new Date().toISOString().slice(0, 10);
$('query').addEventListener('submit', load);
$('curve-town').addEventListener('change', () => current && dailyChart(current.p));
$('village-town').addEventListener('change', () => current && renderVillages());
await load();
