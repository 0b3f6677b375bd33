// 登录页：成功后进入待办箱。
const form = document.getElementById('login-form');
const error = document.getElementById('login-error');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.hidden = true;
  const response = await fetch('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userName: form.userName.value, password: form.password.value }),
  });
  if (response.ok) {
    location.href = '/inbox.html';
    return;
  }
  error.textContent = response.status === 429 ? '登录尝试过于频繁，请一分钟后再试' : '用户名或密码错误';
  error.hidden = false;
});
