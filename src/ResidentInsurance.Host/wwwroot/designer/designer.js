// 流程设计器：本地区流程列表（中文）+ 真正的 Elsa Studio 编辑器（自定义元素），连到本平台的 /elsa/api。
// 凭据：用登录 Cookie 向 /api/auth/designer-token 换取设计器令牌（Bearer），交给 Studio 的 access-token 属性。
const $ = (id) => document.getElementById(id);

function fail(message) {
  $('error').textContent = message;
  $('error').hidden = false;
}

async function json(path, options = {}) {
  const response = await fetch(path, options);
  if (response.status === 401) { location.href = '/login.html'; throw new Error('未登录'); }
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body ? `${body.title}：${body.detail || ''}` : `请求失败（${response.status}）`);
  return body;
}

const me = await json('/api/auth/me');
$('who').textContent = me.displayName;
if (me.role !== 'policy_admin' && me.role !== 'system_admin') {
  fail('只有政策管理员可以修改和发布流程。');
} else {
  const { token, region } = await json('/api/auth/designer-token', { method: 'POST', headers: { 'X-CSRF-TOKEN': me.csrfToken } });
  const headers = { Authorization: `Bearer ${token}` };
  const list = await json('/elsa/api/workflow-definitions?versionOptions=Latest&pageSize=200', { headers });
  const chosen = new URLSearchParams(location.search).get('definition');
  $('definitions').replaceChildren(...list.items.map((d) => {
    const a = document.createElement('a');
    a.href = `?definition=${encodeURIComponent(d.definitionId)}`;
    a.dataset.definitionId = d.definitionId;
    a.className = d.definitionId === chosen ? 'current' : '';
    a.textContent = d.name;
    const meta = document.createElement('small');
    meta.textContent = `${d.definitionId} · 第 ${d.version} 版${d.isPublished ? '（已发布）' : '（草稿）'}`;
    a.append(meta);
    return a;
  }));
  // 复制来的地区：来源流程发布了新版本时提醒（与来源对比的详情在“地区对比”页）。
  if (region) {
    const upstream = await json(`/api/regions/${encodeURIComponent(region)}/upstream`).catch(() => []);
    $('upstream').replaceChildren(...upstream.filter((u) => u.newer).map((u) => {
      const p = document.createElement('p');
      p.className = 'upstream';
      p.textContent = `${u.definitionId}：${u.message}`;
      const link = document.createElement('a');
      link.href = `/diff.html?left=${encodeURIComponent(u.sourceRegion)}&right=${encodeURIComponent(region)}`;
      link.textContent = ' 查看对比';
      p.append(link);
      return p;
    }));
  }
  const cases = document.createElement('a');
  cases.href = '?instances=1';
  cases.dataset.view = 'instances';
  cases.textContent = '办理中的案件（流程实例）';
  const query = new URLSearchParams(location.search);
  cases.className = query.has('instances') || query.has('instance') ? 'current' : '';
  $('definitions').prepend(cases);
  // The Studio's own elements on our real instances: the list (a click opens the viewer), the viewer (the canvas with
  // what each activity did, the journal, the waits and incidents).
  const studio = (tag) => {
    const element = document.createElement(tag);
    element.setAttribute('remote-endpoint', `${location.origin}/elsa/api`);
    element.setAttribute('access-token', token);
    if (region) element.setAttribute('tenant-id', region);
    return element;
  };
  if (query.has('instance')) {
    const viewer = studio('elsa-workflow-instance-viewer');
    viewer.setAttribute('instance-id', query.get('instance'));
    $('editor-host').replaceChildren(viewer);
  } else if (query.has('instances')) {
    const list = studio('elsa-workflow-instance-list');
    list.viewWorkflowInstance = (id) => { location.href = `?instance=${encodeURIComponent(id)}`; };
    $('editor-host').replaceChildren(list);
  } else if (chosen) {
    const editor = document.createElement('elsa-workflow-definition-editor');
    editor.setAttribute('definition-id', chosen);
    editor.setAttribute('remote-endpoint', `${location.origin}/elsa/api`);
    editor.setAttribute('access-token', token);
    if (region) editor.setAttribute('tenant-id', region);
    $('editor-host').replaceChildren(editor);
  }
}
