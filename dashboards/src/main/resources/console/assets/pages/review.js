// 乡镇 / 县 reviewers: plans waiting for me, approve or return with a reason, and what looks unusual.
import { t, yuan, num } from '../i18n.js';
import * as api from '../api.js';
import { h, table, errorText, field, unavailable } from '../dom.js';
import { categoryName, stateName, noteText } from './common.js';

const WAITING = { TOWNSHIP_REVIEWER: ['TOWNSHIP_REVIEW'], COUNTY_APPROVER: ['COUNTY_APPROVAL'], ADMIN: ['TOWNSHIP_REVIEW', 'COUNTY_APPROVAL'] };

function actionsFor(role, state) {
  if (state === 'TOWNSHIP_REVIEW' && role === 'TOWNSHIP_REVIEWER') {
    return { approve: 'TOWNSHIP_APPROVE', ret: 'TOWNSHIP_RETURN' };
  }
  if (state === 'COUNTY_APPROVAL' && role === 'COUNTY_APPROVER') {
    return { approve: 'COUNTY_APPROVE', file: 'COUNTY_FILE', ret: 'COUNTY_RETURN' };
  }
  return null;
}

/** What a reviewer should look at twice: objections not yet signed off, the engine's notes, money left undistributed. */
export function exceptionsOf(plan) {
  const out = [];
  plan.objections.filter((o) => o.state !== 'RESOLVED').forEach((o) => out.push(t('未处理异议：', 'Open objection: ') + o.text));
  plan.notes.forEach((n) => out.push(t('说明：', 'Note: ') + noteText(n)));
  if (plan.undistributedFen > 0) out.push(t('未分配金额：', 'Undistributed: ') + yuan(plan.undistributedFen));
  return out;
}

async function reviewPage(root, ctx) {
  const villages = await api.get('/api/villages');
  const waiting = WAITING[ctx.me.role] || [];
  const box = h('div', { id: 'review-list' });
  root.replaceChildren(h('h1', {}, t('待我审核的方案', 'Plans waiting for me')), box);
  const load = async () => {
    const plans = [];
    await Promise.all(villages.map(async (v) => {
      const list = await api.get(`/api/villages/${encodeURIComponent(v.code)}/plans`);
      list.forEach((p) => plans.push(p));
    }));
    // the county pool's plans (centralized stations) go to the county, without a township step
    if (ctx.me.role === 'COUNTY_APPROVER' || ctx.me.role === 'ADMIN') {
      (await api.get('/api/county/pool/plans').catch(() => [])).forEach((p) => plans.push(p));
    }
    plans.sort((a, b) => a.id - b.id);
    const mine = plans.filter((p) => waiting.includes(p.state));
    const withExceptions = plans.filter((p) => !waiting.includes(p.state) && exceptionsOf(p).length);
    // objections whose resolution the committee proposed: only the township signs them off
    const signOff = ctx.me.role === 'TOWNSHIP_REVIEWER' ? plans.flatMap((p) => p.objections.filter((o) => o.state === 'PROPOSED')
      .map((o) => objectionCard(p, o, load))) : [];
    box.replaceChildren(
      ...signOff,
      mine.length ? h('div', {}, mine.map((p) => planCard(p, ctx.me.role, load)))
        : h('p', { id: 'nothing-waiting' }, t('目前没有等待您审核的方案。', 'No plan is waiting for you.')),
      h('h2', {}, t('其他方案的例外情况', 'Exceptions in other plans')),
      withExceptions.length ? table(null, [{ label: t('村', 'Village') }, { label: t('期间', 'Period') }, { label: t('状态', 'State') },
        { label: t('情况', 'Exception') }], withExceptions.map((p) => [p.villageName, p.period, stateName(p.state), exceptionsOf(p).join('；')]),
      { id: 'exceptions-table' }) : h('p', {}, t('没有。', 'None.')));
  };
  await load();
  return null;
}

function objectionCard(plan, o, reload) {
  const note = h('textarea', { name: 'sign-off-note', rows: 2 });
  const msg = h('div', { 'aria-live': 'assertive' });
  const decide = async (accept) => {
    try {
      await api.post(`/api/plans/${plan.id}/objections/${o.id}/sign-off`, { accept, note: note.value.trim() || (accept ? t('同意', 'agreed') : t('不同意', 'not agreed')) });
      await reload();
    } catch (e) { msg.replaceChildren(errorText(e)); }
  };
  return h('section', { class: 'card objection', dataset: { objection: o.id } },
    h('h2', {}, plan.villageName + ' · ' + plan.period + t(' · 异议待确认', ' · objection to sign off')),
    h('p', {}, t('异议：', 'Objection: ') + o.text + ' — ' + o.raisedBy),
    h('p', {}, t('村委会处理意见：', "Committee's resolution: ") + o.resolution),
    h('form', { class: 'stack', onsubmit: (e) => e.preventDefault() }, field(t('乡镇意见', 'Township note'), note),
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'primary', onclick: () => decide(true) }, t('同意处理意见', 'Agree')),
        h('button', { type: 'button', class: 'danger', onclick: () => decide(false) }, t('退回重新处理', 'Send back')))),
    msg);
}

function planCard(plan, role, reload) {
  const acts = actionsFor(role, plan.state);
  const exceptions = exceptionsOf(plan);
  const reason = h('textarea', { name: 'reason', rows: 2 });
  const msg = h('div', { 'aria-live': 'assertive' });
  const act = async (transition, needReason) => {
    msg.replaceChildren();
    if (needReason && !reason.value.trim()) {
      reason.setAttribute('aria-invalid', 'true');
      msg.replaceChildren(h('p', { class: 'error', role: 'alert' }, t('退回必须写明理由。', 'A return needs a reason.')));
      reason.focus();
      return;
    }
    try {
      await api.post(`/api/plans/${plan.id}/transitions`, { transition, reason: reason.value.trim() || t('审核通过', 'approved') });
      await reload();
    } catch (e) {
      msg.replaceChildren(errorText(e));
    }
  };
  return h('section', { class: 'card plan', dataset: { plan: plan.id }, 'aria-labelledby': 'plan-' + plan.id },
    h('h2', { id: 'plan-' + plan.id }, plan.villageName + ' · ' + plan.period + ' · ' + stateName(plan.state)),
    h('p', {}, t('可分配金额 ', 'Amount to allocate ') + yuan(plan.amountFen) + (plan.noticeEnd ? t('；公示截止 ', '; notice ended ') + plan.noticeEnd : '')),
    table(t('分类预算', 'Budget by category'), [{ label: t('分类', 'Category') }, { label: '%', num: true }, { label: t('预算', 'Budget'), num: true }],
      plan.categories.map((c) => [categoryName(c.code), num(Number(c.percent), 2), yuan(c.budgetFen)])),
    h('p', {}, t('支付明细 ', 'Payment lines: ') + plan.lines.length + t(' 条', '')),
    exceptions.length ? h('ul', { class: 'exceptions' }, exceptions.map((e) => h('li', { class: 'error' }, e))) : null,
    acts ? h('form', { class: 'stack review-form', onsubmit: (e) => e.preventDefault() },
      field(t('审核意见（退回时必填）', 'Comment (required to return)'), reason),
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'primary', onclick: () => act(acts.approve, false) }, t('通过', 'Approve')),
        acts.file ? h('button', { type: 'button', class: 'secondary', onclick: () => act(acts.file, false) }, t('备案', 'File')) : null,
        h('button', { type: 'button', class: 'danger', onclick: () => act(acts.ret, true) }, t('退回', 'Return'))),
      msg) : unavailable(t('此方案不在您的审核环节。', 'This plan is not at your review step.')));
}

export const reviewPages = [
  { path: '/review', menu: true, roles: ['TOWNSHIP_REVIEWER', 'COUNTY_APPROVER', 'ADMIN'], title: () => t('审核', 'Review'), render: reviewPage },
];
