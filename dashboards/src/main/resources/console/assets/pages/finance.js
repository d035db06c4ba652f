// 财务: settlement statements in, arrears out, payment batches to the bank and back, reconciliation.
import { t, yuan, pagesErrorText, errorMessage } from '../i18n.js';
import * as api from '../api.js';
import { h, table, errorText, field, fill } from '../dom.js';
import { categoryName } from './common.js';

const LINE_STATES = { IN_BATCH: ['已发银行', 'Sent to bank'], PAID: ['已支付', 'Paid'], FAILED: ['失败', 'Failed'],
  RETURNED: ['已退回', 'Returned'], REVERSED: ['已冲正', 'Reversed'] };
const BATCH_STATES = { BUILT: ['已生成，待发银行', 'Built'], SETTLED: ['银行已回单', 'Settled'], RECONCILED: ['已对账', 'Reconciled'] };
const batchState = (s) => (BATCH_STATES[s] ? t(BATCH_STATES[s][0], BATCH_STATES[s][1]) : s);
const lineState = (s) => (LINE_STATES[s] ? t(LINE_STATES[s][0], LINE_STATES[s][1]) : s);

const FIN = ['FINANCE', 'ADMIN', 'AUDITOR'];

/**
 * A statement imported but flagged for a look (the service writes "station/no: statement 1000 kWh, telemetry
 * 51.987 kWh: differ by more than 3 %", or "telemetry unavailable: …"): the same facts in words.
 */
function flaggedText(f) {
  const m = /^([^:]+): statement ([\d.]+) kWh, telemetry ([\d.]+) kWh: differ by more than ([\d.]+) %$/.exec(f);
  if (m) {
    return t(`${m[1]}：结算单 ${m[2]} kWh，遥测 ${m[3]} kWh，相差超过 ${m[4]}%，请核对。`,
      `${m[1]}: statement ${m[2]} kWh, telemetry ${m[3]} kWh: they differ by more than ${m[4]}%; please check.`);
  }
  const u = /^([^:]+): telemetry unavailable/.exec(f);
  if (u) return t(`${u[1]}：暂时取不到遥测电量，无法与结算单核对。`, `${u[1]}: telemetry unavailable, the statement could not be checked against it.`);
  return f;
}

/** Why the batch left a plan line out (the service writes "plan line 12: …"): the line in words, the reason's gist. */
function skippedText(s) {
  const m = /^plan line (\d+): (.*)$/.exec(s);
  if (!m) return s;
  const why = /drafted or approved/.test(m[2]) ? t('您编制或审批过该方案，不能为其付款（不相容职务）', 'you drafted or approved its plan (separate duties)')
    : /already in a batch or paid/.test(m[2]) ? t('已在其他批次中或已支付', 'already in a batch or paid')
      : /not accepted yet/.test(m[2]) ? t('项目尚未验收，验收后再付款', 'the project is not accepted yet; it is paid once accepted')
        : t('暂不能付款', 'cannot be paid yet');
  return t(`方案明细 ${m[1]}：${why}`, `Plan line ${m[1]}: ${why}`);
}
const HEADER = 'station,statement_no,period_start,period_end,on_grid_kwh,benchmark_yuan,tax_yuan';

function importSection(ctx, onDone) {
  const file = h('input', { type: 'file', name: 'file', accept: '.csv,text/csv' });
  const text = h('textarea', { name: 'csv', rows: 6, spellcheck: 'false', placeholder: HEADER });
  const reason = h('input', { name: 'reason', value: t('电网结算单导入', 'grid settlement import') });
  const out = h('div', { id: 'import-result', 'aria-live': 'polite' });
  file.addEventListener('change', async () => {
    if (file.files[0]) text.value = await file.files[0].text();
  });
  const form = h('form', { class: 'stack', id: 'import-form' },
    field(t('结算单文件（CSV）', 'Settlement file (CSV)'), file),
    field(t('或粘贴内容', 'or paste its content'), text),
    field(t('导入原因', 'Reason'), reason),
    h('button', { type: 'submit', class: 'primary' }, t('导入', 'Import')), out);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    out.replaceChildren();
    try {
      const r = await fetch('/api/settlements/import', {
        method: 'POST',
        headers: { 'Content-Type': 'text/csv', Accept: 'application/json', Authorization: 'Bearer ' + api.token(),
          'X-Filename': api.headerText(file.files[0] ? file.files[0].name : 'pasted.csv'), 'X-Reason': api.headerText(reason.value) },
        body: text.value,
      });
      const body = await r.json();
      if (r.status === 422 && body.errors) {
        // a file with bad lines imports nothing: every bad line is listed, to correct and import the whole file again
        fill(out, h('p', { id: 'import-summary', class: 'error', role: 'alert' }, t(`${body.rejected} 行有误，整个文件未导入。`,
          `${body.rejected} lines are wrong; nothing of the file was imported.`)),
        table(t('有误的行', 'Wrong lines'), [{ label: t('行号', 'Line'), num: true }, { label: t('字段', 'Field') },
          { label: t('问题', 'Problem') }], body.errors.map((e) => [e.line, e.field || '—', errorMessage(e.code, null)]), { id: 'import-errors' }));
        return;
      }
      if (!r.ok) throw new api.ApiError(r.status, body.code || api.codeOf(r.status), body.message, body.field);
      fill(out,
        h('p', { id: 'import-summary' }, t(`新增 ${body.created} 行，未变 ${body.unchanged} 行，拒绝 ${body.rejected} 行。`,
          `${body.created} created, ${body.unchanged} unchanged, ${body.rejected} rejected.`)),
        body.errors.length ? table(t('被拒绝的行', 'Rejected lines'), [{ label: t('行号', 'Line'), num: true }, { label: t('字段', 'Field') },
          { label: t('问题', 'Problem') }], body.errors.map((e) => [e.line, e.field || '—', errorMessage(e.code, null)]), { id: 'import-errors' }) : null,
        body.flagged.length ? h('ul', { class: 'error', id: 'import-flagged' }, body.flagged.map((f) => h('li', {}, flaggedText(f)))) : null);
      onDone();
    } catch (e) {
      out.replaceChildren(errorText(e));
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'import-h' },
    h('h2', { id: 'import-h' }, t('导入电网结算单', 'Import grid settlement statements')),
    h('p', { class: 'hint' }, t('第一行必须是表头：', 'The first line must be the header: '), h('code', {}, HEADER)),
    ctx.me.role === 'AUDITOR' ? h('p', {}, t('审计只读。', 'Auditors read only.')) : form);
}

async function arrearsSection() {
  const stations = await api.get('/api/stations');
  const rows = await Promise.all(stations.map(async (s) => {
    try {
      const m = await api.get(`/api/stations/${encodeURIComponent(s.code)}/settlement`);
      return { attrs: { dataset: { station: s.code } }, cells: [s.name, yuan(m.expectedBenchmarkFen), yuan(m.benchmarkArrearsFen),
        yuan(m.expectedSubsidyFen), yuan(m.receivedSubsidyFen), h('strong', {}, yuan(m.subsidyArrearsFen))] };
    } catch (e) {
      return { cells: [s.name, errorText(e), '', '', '', ''] };
    }
  }));
  return h('section', { class: 'card' }, h('h2', {}, t('各电站补贴欠款', 'Subsidy arrears by station')),
    table(null, [{ label: t('电站', 'Station') }, { label: t('应收标杆电费', 'Benchmark due'), num: true },
      { label: t('标杆欠款', 'Benchmark arrears'), num: true }, { label: t('应收补贴', 'Subsidy due'), num: true },
      { label: t('已收补贴', 'Subsidy received'), num: true }, { label: t('补贴欠款', 'Subsidy arrears'), num: true }], rows, { id: 'arrears-table' }));
}

function batchSection(ctx) {
  const out = h('div', { id: 'batch', 'aria-live': 'polite' });
  const idInput = h('input', { name: 'batch', inputmode: 'numeric' });
  const show = (b) => {
    const results = h('textarea', { name: 'results', rows: 4, placeholder: 'line_id,result,bank_reference,message' });
    const debit = h('input', { name: 'debit', inputmode: 'numeric' });
    const ref = h('input', { name: 'statementRef' });
    const msg = h('div', { 'aria-live': 'assertive' });
    fill(out,
      h('h3', { id: 'batch-title', dataset: { batch: b.id, state: b.state } }, t('批次 ', 'Batch ') + b.id + ' · ' + batchState(b.state) + ' · ' + yuan(b.totalFen) + ' · ' + b.lineCount + t(' 笔', ' lines')),
      table(null, [{ label: t('明细号', 'Line id'), num: true }, { label: t('收款人', 'Payee') }, { label: t('账号', 'Account') }, { label: t('分类', 'Category') },
        { label: t('期间', 'Period') }, { label: t('金额', 'Amount'), num: true }, { label: t('状态', 'State') }],
      b.lines.map((l) => [l.id, l.payeeName, l.bankAccountMasked, categoryName(l.category), l.period, yuan(l.amountFen), lineState(l.state) + (l.message ? '：' + l.message : '')]), { id: 'batch-lines' }),
      b.skipped.length ? h('ul', {}, b.skipped.map((s) => h('li', {}, skippedText(s)))) : null,
      b.ledgerHead ? h('p', { class: 'hint', id: 'batch-ledger-head' }, t('生成时账本链头：', 'Ledger head at build: ') + b.ledgerHead) : null,
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'secondary', onclick: () => api.download(`/api/payments/batches/${b.id}/bank-file.csv`, `batch-${b.id}.csv`).catch((e) => msg.replaceChildren(errorText(e))) }, t('下载银行文件 CSV', 'Bank file CSV')),
        h('button', { type: 'button', class: 'secondary', onclick: () => api.download(`/api/payments/batches/${b.id}/bank-file.xlsx`, `batch-${b.id}.xlsx`).catch((e) => msg.replaceChildren(errorText(e))) }, t('下载银行文件 Excel', 'Bank file Excel'))),
      ctx.me.role === 'AUDITOR' ? null : h('form', { class: 'stack', onsubmit: async (e) => {
        e.preventDefault();
        try {
          const r = await api.postText(`/api/payments/batches/${b.id}/results`, results.value, t('银行回单', 'bank results'));
          msg.replaceChildren(h('p', {}, t(`回单：更新 ${r.created}，拒绝 ${r.rejected}`, `Results: ${r.created} updated, ${r.rejected} rejected`)),
            ...r.errors.map((x) => h('p', { class: 'error' }, t('第', 'Line ') + x.line + t('行：', ': ') + errorMessage(x.code, null))));
          show(await api.get(`/api/payments/batches/${b.id}`));
        } catch (err) { msg.replaceChildren(errorText(err)); }
      } }, field(t('银行回单（CSV）', 'Bank results (CSV)'), results),
      h('p', { class: 'hint' }, t('结果为 PAID（已付）、FAILED（失败）或 RETURNED（付后退回）。', 'Result is PAID, FAILED or RETURNED (paid, then sent back).')),
      h('button', { type: 'submit', class: 'primary' }, t('导入回单', 'Import results'))),
      ctx.me.role === 'AUDITOR' ? null : h('form', { class: 'stack', onsubmit: async (e) => {
        e.preventDefault();
        try {
          show(await api.post(`/api/payments/batches/${b.id}/reconcile`, { accountDebitFen: Number(debit.value), statementRef: ref.value, reason: t('专户对账', 'account reconciliation') }));
        } catch (err) { msg.replaceChildren(errorText(err)); }
      } }, field(t('专户扣款金额（分）', 'Account debit (fen)'), debit), field(t('对账单号', 'Statement reference'), ref),
      h('button', { type: 'submit', class: 'primary' }, t('对账', 'Reconcile'))),
      msg);
  };
  const build = h('button', { type: 'button', class: 'primary', onclick: async () => {
    try { show(await api.post('/api/payments/batches', { reason: t('生成支付批次', 'build payment batch') })); } catch (e) { out.replaceChildren(errorText(e)); }
  } }, t('从已批准方案生成支付批次', 'Build a batch from approved plans'));
  const open = h('form', { class: 'row', onsubmit: async (e) => {
    e.preventDefault();
    try { show(await api.get(`/api/payments/batches/${encodeURIComponent(idInput.value)}`)); } catch (err) { out.replaceChildren(errorText(err)); }
  } }, field(t('批次号', 'Batch number'), idInput), h('button', { type: 'submit', class: 'secondary' }, t('打开', 'Open')));
  return h('section', { class: 'card' }, h('h2', {}, t('支付批次', 'Payment batches')),
    ctx.me.role === 'AUDITOR' ? null : build, open, out);
}

/** Yuan as typed ("12,699.17") to integer fen, exactly (no floating point); null when it is not an amount. */
export function yuanToFen(text) {
  const m = String(text).replace(/[,，\s¥]/g, '').match(/^(\d{1,11})(?:\.(\d{1,2}))?$/);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0'));
}

function today() {
  const d = new Date();
  return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
}

const RECEIPT_KINDS = { BENCHMARK: ['电网电费（标杆电价部分）', 'Grid (benchmark part)'], SUBSIDY: ['补贴', 'Subsidy'] };

/**
 * Cash in the dedicated account (专户), one statement line at a time: date, amount, payer, station and what it pays
 * for (a grid statement, or a period), kind. Split at once by the shares of the energy it pays for.
 */
async function receiptSection(ctx, onDone) {
  if (ctx.me.role !== 'FINANCE') return null;
  const stations = await api.get('/api/stations');
  const station = h('select', { name: 'receipt-station' }, stations.map((s) => h('option', { value: s.code }, s.name)));
  const kind = h('select', { name: 'receipt-kind' }, Object.keys(RECEIPT_KINDS).map((k) => h('option', { value: k }, t(RECEIPT_KINDS[k][0], RECEIPT_KINDS[k][1]))));
  const amount = h('input', { name: 'receipt-amount', inputmode: 'decimal', required: true, autocomplete: 'off' });
  const date = h('input', { name: 'receipt-date', type: 'date', required: true, value: today() });
  const payer = h('input', { name: 'receipt-payer', list: 'receipt-payers', value: t('国网山西省电力公司吕梁供电公司', 'State Grid Lüliang') });
  const payers = h('datalist', { id: 'receipt-payers' }, h('option', { value: t('国网山西省电力公司吕梁供电公司', 'State Grid Lüliang') }),
    h('option', { value: t('临县财政局（可再生能源补贴）', 'Lin County finance bureau (renewable subsidy)') }));
  const reference = h('input', { name: 'receipt-reference', required: true, autocomplete: 'off' });
  const statement = h('select', { name: 'receipt-statement' });
  const from = h('input', { name: 'receipt-energy-from', type: 'date' });
  const to = h('input', { name: 'receipt-energy-to', type: 'date' });
  const out = h('div', { id: 'receipt-result', 'aria-live': 'polite' });
  const recent = h('div', { id: 'receipt-list' });
  const loadStation = async () => {
    try {
      const m = await api.get(`/api/stations/${encodeURIComponent(station.value)}/settlement`);
      fill(statement, h('option', { value: '' }, t('（不按结算单：按下面的电量期间）', '(no statement: the energy period below)')),
        m.statements.map((x) => h('option', { value: x.statementNo }, x.statementNo + ' · ' + x.periodStart + ' — ' + x.periodEnd)));
      const rows = m.receipts.slice(-5).reverse().map((r) => [r.receivedOn, name(RECEIPT_KINDS, r.kind), yuan(r.amountFen), r.reference]);
      fill(recent, rows.length ? table(t('本电站最近到账', 'Latest receipts of this station'), [{ label: t('到账日期', 'Received on') },
        { label: t('类别', 'Kind') }, { label: t('金额', 'Amount'), num: true }, { label: t('凭证号', 'Voucher') }], rows, { id: 'receipts-table' })
        : h('p', { class: 'muted' }, t('本电站还没有到账记录。', 'No receipt recorded for this station yet.')));
    } catch (e) { recent.replaceChildren(errorText(e)); }
  };
  station.addEventListener('change', loadStation);
  const form = h('form', { class: 'stack', id: 'receipt-form', onsubmit: async (e) => {
    e.preventDefault();
    out.replaceChildren();
    amount.removeAttribute('aria-invalid');
    const fen = yuanToFen(amount.value);
    if (fen === null || fen <= 0) {
      amount.setAttribute('aria-invalid', 'true');
      amount.focus();
      out.replaceChildren(h('p', { class: 'error', role: 'alert' }, t('金额请填元，最多两位小数，例如 12699.17。', 'Enter the amount in yuan with at most two decimals, e.g. 12699.17.')));
      return;
    }
    try {
      const r = await api.post(`/api/stations/${encodeURIComponent(station.value)}/receipts`, { kind: kind.value,
        amountFen: fen, receivedOn: date.value, reference: reference.value.trim(),
        statementNo: statement.value || null, energyFrom: statement.value ? null : (from.value || null),
        energyTo: statement.value ? null : (to.value || null),
        reason: t('专户到账', 'cash received') + (payer.value.trim() ? ' · ' + t('付款方 ', 'payer ') + payer.value.trim() : '') });
      out.replaceChildren(h('p', { role: 'status', id: 'receipt-done' }, t(`已入账 ${yuan(r.amountFen)}（${r.reference}），已按份额分到各村。`,
        `Recorded ${yuan(r.amountFen)} (${r.reference}) and split to the owners by their shares.`)));
      reference.value = '';
      amount.value = '';
      await loadStation();
      onDone();
    } catch (err) {
      out.replaceChildren(pagesErrorText(err.code) ? h('p', { class: 'error', role: 'alert' }, pagesErrorText(err.code)) : errorText(err));
    }
  } }, field(t('电站', 'Station'), station), field(t('类别', 'Kind'), kind), field(t('金额（元）', 'Amount (yuan)'), amount),
  field(t('到账日期', 'Received on'), date), field(t('付款方', 'Payer'), payer), payers, field(t('银行凭证号', 'Bank voucher'), reference),
  field(t('所付结算单', 'Statement it pays'), statement),
  field(t('或所付电量起（都空：到账当月）', 'or energy from (both empty: the month received)'), from), field(t('所付电量止', 'Energy to'), to),
  h('button', { type: 'submit', class: 'primary' }, t('登记到账', 'Record receipt')), out);
  await loadStation();
  return h('section', { class: 'card', 'aria-labelledby': 'receipt-h' }, h('h2', { id: 'receipt-h' }, t('专户到账', 'Cash received')),
    h('p', { class: 'hint' }, t('按专户对账单逐笔登记；整份文件可用 POST /api/receipts/import（格式见 docs/examples/receipts.csv）。',
      'Enter the dedicated account\'s statement line by line; a whole file goes to POST /api/receipts/import (format: docs/examples/receipts.csv).')),
    form, recent);
}

function name(map, code) {
  return map[code] ? t(map[code][0], map[code][1]) : code;
}

async function financePage(root, ctx) {
  const arrearsBox = h('div', {});
  const refresh = async () => arrearsBox.replaceChildren(await arrearsSection());
  root.replaceChildren(h('h1', {}, t('财务', 'Finance')), importSection(ctx, refresh), arrearsBox, batchSection(ctx));
  const receipts = await receiptSection(ctx, refresh);
  if (receipts) root.insertBefore(receipts, arrearsBox);
  await refresh();
  return null;
}

export const financePages = [
  { path: '/finance', menu: true, roles: FIN, title: () => t('财务', 'Finance'), render: financePage },
];
