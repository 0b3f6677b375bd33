// 地区对比：两个地区的参数（逐项，金额按元）与流程（逐个活动）差异；复制来的地区另列来源流程的新版本提醒。
const $ = (id) => document.getElementById(id);

function fail(message) {
  $('error').textContent = message;
  $('error').hidden = false;
}

async function json(path) {
  const response = await fetch(path);
  if (response.status === 401) { location.href = '/login.html'; throw new Error('未登录'); }
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body ? `${body.title}：${body.detail || ''}` : `请求失败（${response.status}）`);
  return body;
}

function cell(text, note) {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  if (note) {
    const small = document.createElement('small');
    small.textContent = note;
    td.append(small);
  }
  return td;
}

const changeNames = { added: '新增', removed: '删除', changed: '修改' };

async function show(left, right) {
  $('error').hidden = true;
  const diff = await json(`/api/regions/diff?left=${encodeURIComponent(left)}&right=${encodeURIComponent(right)}`);
  $('left-name').textContent = `${diff.leftName}（${diff.left}）`;
  $('right-name').textContent = `${diff.rightName}（${diff.right}）`;
  $('parameter-count').textContent = `共 ${diff.parameters.length} 项`;
  $('parameters').tBodies[0].replaceChildren(...diff.parameters.map((p) => {
    const tr = document.createElement('tr');
    tr.dataset.path = p.path;
    tr.append(cell(p.path), cell(p.note), cell(p.leftText, p.leftSource ? `依据 ${p.leftSource}` : ''), cell(p.rightText, p.rightSource ? `依据 ${p.rightSource}` : ''));
    tr.lastChild.className = 'changed';
    return tr;
  }));
  $('activity-count').textContent = `共 ${diff.activities.length} 处`;
  $('activities').tBodies[0].replaceChildren(...diff.activities.map((a) => {
    const tr = document.createElement('tr');
    tr.append(cell(a.process), cell(a.activityId), cell(changeNames[a.change] ?? a.change), cell(a.properties.join('、')));
    return tr;
  }));
  const upstream = await json(`/api/regions/${encodeURIComponent(right)}/upstream`);
  const newer = upstream.filter((u) => u.newer);
  $('upstream').hidden = newer.length === 0;
  $('upstream').replaceChildren(...newer.map((u) => {
    const p = document.createElement('p');
    p.className = 'upstream';
    p.textContent = `${u.definitionId}：${u.message}${u.changes ? ` 变化：${u.changes.summary}` : ''}`;
    return p;
  }));
  $('result').hidden = false;
}

try {
  const me = await json('/api/auth/me');
  $('who').textContent = me.displayName;
  const regions = await json('/api/regions');
  for (const id of ['left', 'right']) {
    $(id).replaceChildren(...regions.map((r) => new Option(`${r.name}（${r.code}）`, r.code)));
  }
  const query = new URLSearchParams(location.search);
  $('left').value = query.get('left') ?? regions[0]?.code;
  $('right').value = query.get('right') ?? regions[1]?.code ?? regions[0]?.code;
  $('query').addEventListener('submit', (e) => {
    e.preventDefault();
    history.replaceState(null, '', `?left=${$('left').value}&right=${$('right').value}`);
    show($('left').value, $('right').value).catch((err) => fail(err.message));
  });
  await show($('left').value, $('right').value);
} catch (err) {
  fail(err.message);
}
