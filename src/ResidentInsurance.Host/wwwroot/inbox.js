// 待办箱：本部门、本地区的任务；详情含个案、政策计算证据、表单与花名册逐行确认。
const IDENTITY_NAMES = {
  tekun: '特困人员', orphan: '孤儿', de_facto_orphan: '事实无人抚养儿童', dibao: '低保对象', low_income_elderly: '低收入家庭老年人',
  low_income_minor: '低收入家庭未成年人', low_income_disabled: '低收入家庭重度残疾人', low_income_ill: '低收入家庭重病患者',
  severe_disability: '重度残疾人', family_planning: '计生对象', family_planning_special: '计生特殊家庭', poverty_registered: '建档立卡贫困人口',
  poverty_lifted: '脱贫人口', poverty_exited: '退出户', returned_to_poverty: '返贫致贫人口', monitored: '监测户', dibao_edge: '低保边缘户',
  priority_care: '重点优抚对象', military_cadre_dependant: '军休干部家属', veteran_discharged: '退役军人', university_student: '大中专学生',
};
const OUTCOME_NAMES = { applied: '适用', not_applied: '未适用', no_subsidy: '无资助', tied: '并列', undetermined: '待定' };
const $ = (id) => document.getElementById(id);
let current = null;

function text(value) { return value === null || value === undefined ? '' : String(value); }
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v; else if (k.startsWith('on')) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(text(child)));
  return node;
}
function yuan(fen) { return fen === null || fen === undefined ? '—' : (fen / 100).toFixed(2) + ' 元'; }

// The antiforgery token /api/auth/me hands out: every change the page makes carries it (X-CSRF-TOKEN).
let csrfToken = null;

async function api(path, options = {}) {
  const headers = { 'Content-Type': 'application/json', ...(options.method && options.method !== 'GET' && csrfToken ? { 'X-CSRF-TOKEN': csrfToken } : {}) };
  const response = await fetch(path, { ...options, headers });
  if (response.status === 401) { location.href = '/login.html'; throw new Error('未登录'); }
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) { throw new Error(body && (body.detail || body.title) ? `${body.title}：${body.detail || ''}` : `请求失败（${response.status}）`); }
  return body;
}

async function loadMe() {
  const me = await api('/api/auth/me');
  csrfToken = me.csrfToken;
  $('who').textContent = `${me.displayName}（${me.region || '全部地区'}${me.departmentName ? ' · ' + me.departmentName : ''}）`;
}

async function loadTasks() {
  const q = $('query').value.trim();
  const { counts, tasks } = await api('/api/tasks' + (q ? '?q=' + encodeURIComponent(q) : ''));
  $('count-total').textContent = counts.total;
  $('count-overdue').textContent = counts.overdue;
  $('count-mine').textContent = counts.claimedByMe;
  $('count-unclaimed').textContent = counts.unclaimed;
  const body = $('task-list').querySelector('tbody');
  body.replaceChildren(...tasks.map((t) => el('tr', { class: 'task' + (t.overdue ? ' is-overdue' : ''), 'data-task-id': t.taskId, onclick: () => openTask(t.taskId) },
    el('td', {}, el('a', { href: '#' + t.taskId }, t.title), t.person ? el('small', {}, ` ${t.person.name || ''} ${t.person.idNumber || ''}`) : ''),
    el('td', {}, t.departmentName || t.department),
    el('td', { class: t.overdue ? 'deadline overdue' : 'deadline' }, t.deadline ? t.deadline + (t.overdue ? '（已逾期）' : '') : '—'),
    el('td', {}, t.claimedBy || '未认领'),
    el('td', {}, t.rosterSize ? `${t.rosterSize} 行` : ''))));
  $('empty').hidden = tasks.length > 0;
}

function renderCase(data) {
  const person = data && data.case && data.case.person;
  if (!person) return '';
  return el('section', {}, el('h3', {}, '个案'), el('dl', { class: 'case' },
    el('dt', {}, '姓名'), el('dd', {}, person.name), el('dt', {}, '身份证号码'), el('dd', {}, person.idNumber),
    el('dt', {}, '出生日期'), el('dd', {}, person.birthDate), el('dt', {}, '缴费日期'), el('dd', {}, data.case.paidOn || '—'),
    el('dt', {}, '应缴金额'), el('dd', {}, yuan(data.policy && data.policy.amountDueFen)),
    el('dt', {}, '待遇期'), el('dd', {}, data.policy ? `${data.policy.benefitStart || '—'} 至 ${data.policy.benefitEnd || '—'}` : '—'),
    el('dt', {}, '政策说明'), el('dd', {}, data.policy ? data.policy.message : '')));
}

function renderEvidence(evidence) {
  if (!evidence || evidence.length === 0) return '';
  return el('section', {}, el('h3', {}, '资助身份核定（证据）'), el('table', { class: 'evidence' },
    el('thead', {}, el('tr', {}, el('th', {}, '身份'), el('th', {}, '资助额'), el('th', {}, '结果'), el('th', {}, '理由'))),
    el('tbody', {}, ...evidence.map((e) => el('tr', { class: 'evidence-' + e.outcome },
      el('td', {}, IDENTITY_NAMES[e.identity] || e.identity), el('td', {}, yuan(e.amountFen)), el('td', {}, OUTCOME_NAMES[e.outcome] || e.outcome), el('td', {}, e.why))))));
}

function renderForm(form) {
  const fields = form && form.properties ? Object.entries(form.properties) : [];
  if (fields.length === 0) return '';
  return el('section', {}, el('h3', {}, '办理表单'), ...fields.map(([name, field]) =>
    el('label', { class: 'field' }, field.title || name, el('input', { name: 'form-' + name, 'data-field': name, type: field.type === 'number' ? 'number' : 'text' }))));
}

function amountOf(r) {
  if (r.payBackFen !== undefined && r.payBackFen !== null) return '补发 ' + yuan(r.payBackFen);
  if (r.payableFen !== undefined && r.payableFen !== null) return '应缴 ' + yuan(r.payableFen);
  if (r.amountFen !== undefined && r.amountFen !== null) return yuan(r.amountFen);
  return '';
}

function renderRoster(rows) {
  if (!rows || rows.length === 0) return '';
  return el('section', {}, el('h3', {}, `花名册（${rows.length} 行，逐行确认）`), el('table', { class: 'roster' },
    el('thead', {}, el('tr', {}, ...['序号', '姓名', '身份证号码', '人员类别', '认定日期', '金额', '说明', '确认', '退回理由'].map((h) => el('th', {}, h)))),
    el('tbody', {}, ...rows.map((r, i) => {
      const index = r.index || i + 1;
      return el('tr', { 'data-index': index },
        el('td', {}, index), el('td', {}, r.name), el('td', {}, r.idNumber), el('td', {}, IDENTITY_NAMES[r.identity] || r.identity || ''),
        el('td', {}, r.recognizedOn || ''), el('td', {}, amountOf(r)), el('td', {}, r.problem || r.effect || ''),
        el('td', {}, el('label', {}, el('input', { type: 'radio', name: 'row-' + index, value: 'accept', checked: '' }), '确认'),
          el('label', {}, el('input', { type: 'radio', name: 'row-' + index, value: 'reject' }), '退回')),
        el('td', {}, el('input', { class: 'reason', name: 'reason-' + index, placeholder: '退回须填写理由' })));
    }))));
}

async function openTask(taskId) {
  const task = await api('/api/tasks/' + encodeURIComponent(taskId));
  current = task;
  $('detail').hidden = false;
  $('detail-error').hidden = true;
  $('detail-title').textContent = task.title;
  $('detail-meta').textContent = `${task.departmentName || task.department} · 期限 ${task.deadline || '无'}${task.overdue ? '（已逾期）' : ''} · ${task.claimedBy ? '认领人 ' + task.claimedBy : '未认领'}`;
  $('case').replaceChildren(renderCase(task.data));
  $('evidence').replaceChildren(renderEvidence(task.evidence));
  $('form').replaceChildren(renderForm(task.form));
  $('roster').replaceChildren(renderRoster(task.roster));
  $('outcomes').replaceChildren(...(task.outcomes || []).map((o) => el('button', { type: 'button', class: 'outcome', 'data-outcome': o, onclick: () => complete(o) }, o)));
}

async function complete(outcome) {
  $('detail-error').hidden = true;
  const rows = [...document.querySelectorAll('#roster tbody tr')].map((tr) => {
    const index = Number(tr.dataset.index);
    const decision = tr.querySelector(`input[name="row-${index}"]:checked`).value;
    return { index, decision, reason: tr.querySelector('.reason').value || null };
  });
  const form = {};
  document.querySelectorAll('#form [data-field]').forEach((input) => { form[input.dataset.field] = input.value; });
  try {
    await api(`/api/tasks/${encodeURIComponent(current.taskId)}/complete`, { method: 'POST', body: JSON.stringify({ outcome, rows: rows.length ? rows : null, form }) });
    $('detail').hidden = true;
    current = null;
    await loadTasks();
  } catch (e) {
    $('detail-error').textContent = e.message;
    $('detail-error').hidden = false;
  }
}

$('claim').addEventListener('click', async () => { try { await api(`/api/tasks/${encodeURIComponent(current.taskId)}/claim`, { method: 'POST' }); await openTask(current.taskId); await loadTasks(); } catch (e) { $('detail-error').textContent = e.message; $('detail-error').hidden = false; } });
$('release').addEventListener('click', async () => { try { await api(`/api/tasks/${encodeURIComponent(current.taskId)}/release`, { method: 'POST' }); await openTask(current.taskId); await loadTasks(); } catch (e) { $('detail-error').textContent = e.message; $('detail-error').hidden = false; } });
$('search').addEventListener('submit', (event) => { event.preventDefault(); loadTasks(); });
$('logout').addEventListener('click', async () => { await fetch('/api/auth/logout', { method: 'POST', headers: { 'X-CSRF-TOKEN': csrfToken || '' } }); location.href = '/login.html'; });

await loadMe();
await loadTasks();
