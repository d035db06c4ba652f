import { lang, setLang, t, roleName, errorMessage } from './i18n.js';
import * as api from './api.js';
import { h, field, errorText } from './dom.js';
import { operatorPages } from './pages/operator.js';
import { villagePages } from './pages/village.js';
import { reviewPages } from './pages/review.js';
import { financePages } from './pages/finance.js';
import { householdPages } from './pages/household.js';
import { lossPages } from './pages/losses.js';
import { householdsPages } from './pages/households.js';

// Pages by route; each is {path, title(), roles, render(main, ctx, params) -> optional cleanup}.
const PAGES = [...operatorPages, ...villagePages, ...householdsPages, ...reviewPages, ...financePages, ...householdPages,
  ...lossPages];

const HOME = {
  OPERATOR: '#/stations', AUDITOR: '#/stations', ADMIN: '#/stations',
  VILLAGE_COMMITTEE: '#/village', TOWNSHIP_REVIEWER: '#/review', COUNTY_APPROVER: '#/review', FINANCE: '#/finance',
};

const ctx = { me: null, villages: null };
let cleanup = null;

function main() {
  return document.getElementById('main');
}

function announce(text) {
  document.getElementById('status').textContent = text;
}

function match(hash) {
  const path = hash.replace(/^#/, '') || '/';
  for (const p of PAGES) {
    const names = [];
    const re = new RegExp('^' + p.path.replace(/:([a-z]+)/g, (_, n) => { names.push(n); return '([^/]+)'; }) + '$');
    const m = path.match(re);
    if (m) {
      const params = {};
      names.forEach((n, i) => { params[n] = decodeURIComponent(m[i + 1]); });
      return { page: p, params };
    }
  }
  return null;
}

function renderChrome(anonymous) {
  document.documentElement.lang = lang();
  document.title = t('阳光 · 光伏扶贫电站与收益', 'Yangguang · solar poverty-alleviation stations');
  document.getElementById('brand-name').textContent = t('阳光', 'Yangguang');
  document.querySelector('.skip').textContent = t('跳到正文', 'Skip to content');
  const nav = document.getElementById('nav');
  nav.setAttribute('aria-label', t('主菜单', 'Main menu'));
  nav.replaceChildren();
  const langButton = document.getElementById('lang');
  langButton.textContent = lang() === 'en' ? '中文' : 'English';
  langButton.setAttribute('lang', lang() === 'en' ? 'zh-CN' : 'en');
  langButton.setAttribute('aria-label', lang() === 'en' ? '切换到中文' : 'Switch to English');
  const logoutButton = document.getElementById('logout');
  logoutButton.textContent = t('退出', 'Log out');
  const who = document.getElementById('who');
  // a public page (the household's QR page) never shows who is logged in on this device, nor their menu
  if (!ctx.me || anonymous) {
    logoutButton.hidden = true;
    who.textContent = '';
    return;
  }
  logoutButton.hidden = false;
  who.textContent = ctx.me.username + ' · ' + roleName(ctx.me.role);
  const current = location.hash.split('/').slice(0, 2).join('/');
  for (const p of PAGES) {
    if (!p.menu || !p.roles.includes(ctx.me.role)) continue;
    const href = '#' + p.path;
    nav.append(h('a', { href, 'aria-current': current === href ? 'page' : null }, p.title()));
  }
}

function loginPage(root) {
  const user = h('input', { name: 'username', autocomplete: 'username', required: true, autocapitalize: 'off' });
  const pass = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const msg = h('div', { 'aria-live': 'assertive' });
  const form = h('form', { class: 'stack', id: 'login-form' },
    field(t('用户名', 'User name'), user),
    field(t('密码', 'Password'), pass),
    h('button', { class: 'primary', type: 'submit' }, t('登录', 'Log in')),
    msg);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    msg.replaceChildren();
    try {
      await api.login(user.value.trim(), pass.value);
      ctx.me = await api.get('/api/me');
      const target = HOME[ctx.me.role] || '#/stations';
      if (location.hash === target) route(); else location.hash = target;
    } catch (e) {
      msg.replaceChildren(h('p', { class: 'error', role: 'alert' },
        e.code === 'too_many_login_attempts'
          ? t(`登录失败次数过多，请 ${e.retryAfter} 秒后再试。`, `Too many failed logins. Please try again in ${e.retryAfter} s.`)
          : errorMessage(e.status === 401 ? 'login_failed' : e.code || 'bad_request', e.field)));
    }
  });
  root.replaceChildren(
    h('h1', {}, t('登录', 'Log in')),
    h('p', { class: 'hint' }, t('运维、村委会、乡镇和县审核、财务人员用同一个入口登录。农户请扫描收益公示码。',
      'Operators, village committees, reviewers and finance staff all log in here. Households: scan your QR code.')),
    form);
  user.focus();
}

async function route() {
  if (cleanup) { try { cleanup(); } catch (e) { /* page already gone */ } cleanup = null; }
  const root = main();
  const hash = location.hash || '#/';
  const found = match(hash);
  if (found && found.page.public) {
    renderChrome(true);
    cleanup = await found.page.render(root, ctx, found.params) || null;
    return;
  }
  if (!api.token()) {
    ctx.me = null;
    renderChrome();
    loginPage(root);
    return;
  }
  if (!ctx.me) {
    try {
      ctx.me = await api.get('/api/me');
    } catch (e) {
      api.logout();
      ctx.me = null;
      renderChrome();
      loginPage(root);
      return;
    }
  }
  if (!found || !found.page.roles.includes(ctx.me.role)) {
    location.replace(HOME[ctx.me.role] || '#/stations');
    return;
  }
  renderChrome();
  root.replaceChildren(h('p', { class: 'muted' }, t('正在加载…', 'Loading…')));
  try {
    cleanup = await found.page.render(root, ctx, found.params) || null;
  } catch (e) {
    root.replaceChildren(h('h1', {}, found.page.title()), errorText(e));
  }
  announce(found.page.title());
  root.focus({ preventScroll: true });
}

document.getElementById('lang').addEventListener('click', () => {
  setLang(lang() === 'en' ? 'zh-CN' : 'en');
  route();
});
document.getElementById('logout').addEventListener('click', () => {
  api.logout();
  ctx.me = null;
  ctx.villages = null;
  location.hash = '#/';
  route();
});
window.addEventListener('yg:unauthorized', () => { ctx.me = null; route(); });
window.addEventListener('hashchange', route);
setLang(lang());
route();
