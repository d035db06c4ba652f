// 一码清: one household's payments, from the token in its QR code (no login; the token is the key, and the service
// answers with that household's payments only). Large text, one column, Chinese first.
import { t, yuan } from '../i18n.js';
import { h, errorText } from '../dom.js';
import { categoryName } from './common.js';

const PAYMENT_STATES = { PAID: ['已到账', 'Paid'], IN_BATCH: ['发放中', 'Being paid'], FAILED: ['支付失败', 'Failed'], PENDING: ['待支付', 'Pending'], SENT: ['已发银行', 'Sent to bank'] };

async function householdPage(root, ctx, params) {
  document.body.classList.add('household');
  root.replaceChildren(h('h1', {}, t('我家的收益', 'Our household payments')), h('p', {}, t('正在查询…', 'Looking up…')));
  const r = await fetch('/h/' + encodeURIComponent(params.token) + '/data', { headers: { Accept: 'application/json' } });
  if (!r.ok) {
    root.replaceChildren(h('h1', {}, t('我家的收益', 'Our household payments')),
      r.status === 404 || r.status === 410 || r.status === 401
        ? h('p', { class: 'error', role: 'alert' }, t('二维码无效或已停用，请联系村委会。', 'This QR code is not valid any more. Please ask the village committee.'))
        : errorText(new Error(r.status + ' ' + r.statusText)));
    return () => document.body.classList.remove('household');
  }
  const page = await r.json();
  root.replaceChildren(
    h('h1', {}, t('我家的收益', 'Our household payments')),
    h('p', {}, page.village + ' · ' + page.household),
    h('div', { class: 'kpi', id: 'household-total' }, h('div', { class: 'label' }, t('已到账合计', 'Paid in total')),
      h('div', { class: 'value' }, yuan(page.totalPaidFen))),
    page.payments.length ? h('ul', { class: 'payments', id: 'household-payments' }, page.payments.map((p) => h('li', { class: 'card' },
      h('div', {}, h('strong', {}, p.period + ' · ' + categoryName(p.category))),
      h('div', { class: 'value' }, yuan(p.amountFen)),
      h('div', {}, (PAYMENT_STATES[p.state] ? t(PAYMENT_STATES[p.state][0], PAYMENT_STATES[p.state][1]) : p.state)
        + (p.paidInto ? t('，转入 ', ', into ') + p.paidInto : '')))))
      : h('p', {}, t('还没有支付记录。', 'No payments yet.')),
    h('p', { class: 'hint' }, t('只显示您家的记录。有疑问请找村委会或拨打县扶贫热线。', 'Only your household is shown. Questions: the village committee or the county hotline.')),
    h('p', { class: 'hint', id: 'ledger-head' }, t('账本链头（可与村公示栏和县财务公布的链头核对）：', 'Ledger head (compare it with the notice board and the county\'s): '),
      h('code', {}, page.ledgerHead)));
  return () => document.body.classList.remove('household');
}

export const householdPages = [
  { path: '/h/:token', public: true, roles: [], title: () => t('我家的收益', 'Our payments'), render: householdPage },
];
