// 村委会: the village allocation plan (收益分配使用计划). The editor checks the county's policy as you type
// (category bounds, group minimums, the total); the service checks everything again when the draft is saved.
import { noticeSettingNote } from './demo-setting.js';
import { t, yuan, num, ruleText, named, BASES as BASIS_NAMES } from '../i18n.js';
import * as api from '../api.js';
import { h, table, errorText, field } from '../dom.js';
import { categoryName, stateName, lineBasis, linePayee, noteText } from './common.js';

// why a household line exists (post wages are never typed: they come from posts and attendance)
const BASES = ['LABOUR', 'REVIEWED_APPLICATION'];
const OBJECTION_STATES = { OPEN: ['待处理', 'Open'], PROPOSED: ['待乡镇确认', 'Awaiting the township'], RESOLVED: ['已处理', 'Resolved'] };

function thisMonth() {
  const d = new Date();
  return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0');
}

/**
 * Violations of the policy by a set of category percents: [{code (input it belongs to, or null), text}].
 * Percents are compared in hundredths so that 33.33 + 66.67 is exactly 100.
 */
export function violations(policy, percents) {
  const out = [];
  const hundredths = (v) => Math.round(Number(v || 0) * 100);
  let total = 0;
  for (const c of policy.categories) {
    const raw = percents[c.code];
    if (raw !== '' && raw !== undefined && (Number.isNaN(Number(raw)) || Number(raw) < 0)) {
      out.push({ code: c.code, text: t(`${categoryName(c.code, c.name)}：请输入 0 到 100 之间的数`, `${categoryName(c.code, c.name)}: enter a number from 0 to 100`) });
      continue;
    }
    const v = hundredths(raw);
    total += v;
    if (v > hundredths(c.maxPercent)) {
      out.push({ code: c.code, text: t(`${categoryName(c.code, c.name)}不能超过 ${num(c.maxPercent, 0)}%`, `${categoryName(c.code, c.name)} may not exceed ${num(c.maxPercent, 0)}%`) });
    }
    if (v > 0 && v < hundredths(c.minPercent)) {
      out.push({ code: c.code, text: t(`${categoryName(c.code, c.name)}至少 ${num(c.minPercent, 0)}%`, `${categoryName(c.code, c.name)} must be at least ${num(c.minPercent, 0)}%`) });
    }
  }
  for (const g of policy.groupMinimums || []) {
    const sum = g.categories.reduce((s, code) => s + hundredths(percents[code]), 0);
    if (sum < hundredths(g.minPercent)) {
      const names = g.categories.map((c) => categoryName(c)).join(t('与', ' and '));
      const rule = ruleText(g.categories.join('+'), g.rule);
      out.push({ code: g.categories[0], group: true, text: t(`${names}合计至少 ${num(g.minPercent, 0)}%（现为 ${num(sum / 100, 2)}%）。依据：${rule}`,
        `${names} together must be at least ${num(g.minPercent, 0)}% (now ${num(sum / 100, 2)}%). Rule: ${rule}`) });
    }
  }
  if (total > 10000) {
    out.push({ code: null, text: t(`各分类合计 ${num(total / 100, 2)}%，超过 100%`, `Categories add up to ${num(total / 100, 2)}%, more than 100%`) });
  }
  return out;
}

async function planPage(root, ctx) {
  if (!ctx.villages) ctx.villages = await api.get('/api/villages');
  const village = ctx.villages[0];
  if (!village) {
    root.replaceChildren(h('h1', {}, t('收益分配使用计划', 'Allocation plan')), h('p', {}, t('没有可管理的村。', 'No village in your scope.')));
    return null;
  }
  const month = h('input', { type: 'month', name: 'period', value: thisMonth() });
  const editor = h('div', { id: 'plan-editor' });
  const current = h('div', { id: 'plan-current' });
  root.replaceChildren(h('h1', {}, t('收益分配使用计划 · ', 'Allocation plan · ') + village.name),
    h('form', { class: 'row', onsubmit: (e) => e.preventDefault() }, field(t('月份', 'Month'), month)), editor, current);
  const load = async () => {
    const period = month.value;
    let policy;
    try {
      policy = await api.get('/api/policies/' + period.slice(0, 4));
    } catch (e) {
      editor.replaceChildren(errorText(e));
      return;
    }
    const plans = await api.get(`/api/villages/${encodeURIComponent(village.code)}/plans`);
    const plan = plans.find((p) => p.period === period);
    current.replaceChildren(plan ? planView(plan, load) : h('p', {}, t('本月还没有方案。', 'No plan for this month yet.')));
    editor.replaceChildren(!plan || plan.state === 'DRAFT' ? await draftEditor(village, period, policy, plan, load)
      : h('p', { class: 'notice' }, t('方案已发布，不能再编辑；退回后可重新编辑。', 'The plan is published and cannot be edited; it can be edited again if returned.')));
  };
  month.addEventListener('change', load);
  await load();
  return null;
}

async function draftEditor(village, period, policy, plan, reload) {
  const households = await api.get(`/api/villages/${encodeURIComponent(village.code)}/households`).catch(() => []);
  const projects = await api.get(`/api/villages/${encodeURIComponent(village.code)}/projects`).catch(() => []);
  const basisOf = (code) => (policy.categories.find((c) => c.code === code) || {}).basis;
  const inputs = {};
  const messages = {};
  const summary = h('div', { id: 'plan-violations', 'aria-live': 'polite' });
  const percentFields = policy.categories.map((c) => {
    const existing = plan && plan.categories.find((x) => x.code === c.code);
    const input = h('input', { name: 'percent-' + c.code, inputmode: 'decimal', value: existing ? String(Number(existing.percent)) : '0',
      'aria-describedby': 'msg-' + c.code, dataset: { category: c.code } });
    inputs[c.code] = input;
    messages[c.code] = h('div', { id: 'msg-' + c.code, class: 'error field-error' });
    return h('div', { class: 'field' },
      h('label', { for: 'in-' + c.code }, categoryName(c.code, c.name) + ' %'),
      h('p', { class: 'hint' }, t(`范围 ${num(c.minPercent, 0)}–${num(c.maxPercent, 0)}%`, `Range ${num(c.minPercent, 0)}–${num(c.maxPercent, 0)}%`)),
      Object.assign(input, { id: 'in-' + c.code }), messages[c.code]);
  });
  const lines = h('tbody', {});
  const addLine = (l) => {
    // a line pays a household (weighted categories) or a project (its payee, never a household)
    const cat = h('select', { name: 'line-category' }, policy.categories.filter((c) => c.basis === 'WEIGHTED' || c.basis === 'PROJECT')
      .map((c) => h('option', { value: c.code, selected: l && l.category === c.code }, categoryName(c.code, c.name))));
    const who = h('select', { name: 'line-household' }, h('option', { value: '' }, t('（请选择农户）', '(choose a household)')),
      households.map((x) => h('option', { value: x.registrationNo, selected: l && l.registrationNo === x.registrationNo },
        (x.members && x.members[0] ? x.members[0].name : x.registrationNo) + ' · ' + x.registrationNo)));
    const weight = h('input', { name: 'line-weight', inputmode: 'decimal', value: l && l.weight ? String(l.weight) : '1' });
    const basis = h('select', { name: 'line-basis' }, BASES.map((b) => h('option', { value: b, selected: l && l.basis === b }, named(BASIS_NAMES, b))));
    const project = h('select', { name: 'line-project' }, h('option', { value: '' }, t('（请选择项目）', '(choose a project)')),
      projects.map((p) => h('option', { value: String(p.id), selected: l && l.project === p.id }, p.name + ' · ' + p.payeeName)));
    const amount = h('input', { name: 'line-amount', inputmode: 'decimal', value: l && l.fixedFen ? String(l.fixedFen / 100) : '' });
    const ref = h('input', { name: 'line-reference', value: l && l.reference ? l.reference : '' });
    const forHousehold = [h('td', {}, field(t('农户', 'Household'), who)), h('td', {}, field(t('权重', 'Weight'), weight)),
      h('td', {}, field(t('依据', 'Basis'), basis))];
    const forProject = [h('td', {}, field(t('项目', 'Project'), project)), h('td', {}, field(t('金额（元）', 'Amount (yuan)'), amount))];
    const show = () => {
      const isProject = basisOf(cat.value) === 'PROJECT';
      forHousehold.forEach((td) => { td.hidden = isProject; });
      forProject.forEach((td) => { td.hidden = !isProject; });
    };
    cat.addEventListener('change', show);
    const row = h('tr', {},
      h('td', {}, field(t('分类', 'Category'), cat)), ...forHousehold, ...forProject,
      h('td', {}, field(t('说明', 'Reference'), ref)),
      h('td', {}, h('button', { type: 'button', class: 'danger', onclick: () => row.remove() }, t('删除', 'Remove'))));
    row.read = () => (basisOf(cat.value) === 'PROJECT'
      ? { category: cat.value, project: Number(project.value) || null, fixedFen: Math.round(Number(amount.value) * 100), reference: ref.value || null }
      : { category: cat.value, registrationNo: who.value || null, weight: Number(weight.value), fixedFen: null, basis: basis.value, reference: ref.value || null });
    lines.append(row);
    show();
  };
  const reason = h('input', { name: 'reason', value: t('村委会编制本月方案', 'monthly plan drafted by the committee') });
  const save = h('button', { type: 'submit', class: 'primary' }, t('保存草稿', 'Save draft'));
  const msg = h('div', { 'aria-live': 'assertive' });

  // the editor opens quiet: the rules are stated as hints, and what breaks one is shown from the first keystroke on
  let touched = false;
  const check = () => {
    if (!touched) {
      summary.replaceChildren(h('p', { class: 'hint', id: 'plan-total' }, t('请按上面的范围填写各分类比例，合计不超过 100%。',
        'Fill in each category within its range; together at most 100%.')));
      return violations(policy, Object.fromEntries(Object.entries(inputs).map(([k, el]) => [k, el.value.trim()])));
    }
    const percents = Object.fromEntries(Object.entries(inputs).map(([k, el]) => [k, el.value.trim()]));
    const found = violations(policy, percents);
    for (const code of Object.keys(inputs)) {
      const mine = found.filter((v) => v.code === code);
      messages[code].replaceChildren(...mine.map((v) => h('p', {}, v.text)));
      if (mine.length) inputs[code].setAttribute('aria-invalid', 'true'); else inputs[code].removeAttribute('aria-invalid');
    }
    const total = Object.values(percents).reduce((s, v) => s + Math.round(Number(v || 0) * 100), 0);
    summary.replaceChildren(
      h('p', { id: 'plan-total' }, t('合计 ', 'Total ') + num(total / 100, 2) + '%' + (total < 10000 ? t(`（${num((10000 - total) / 100, 2)}% 未分配）`, ` (${num((10000 - total) / 100, 2)}% undistributed)`) : '')),
      found.length ? h('div', { class: 'error', id: 'violation-list' },
        h('p', {}, t(`有 ${found.length} 处不符合本县分配规则，见标出的输入框。`, `${found.length} thing(s) break the county rules: see the marked fields.`)),
        found.filter((v) => !v.code).map((v) => h('p', {}, v.text)))
        : h('p', { class: 'live', id: 'plan-ok' }, t('符合本县分配规则。', 'Meets the county rules.')));
    save.disabled = found.length > 0;
    return found;
  };
  Object.values(inputs).forEach((el) => el.addEventListener('input', () => { touched = true; check(); }));
  (plan ? plan.lines.filter((l) => l.kind === 'HOUSEHOLD' || l.kind === 'PROJECT')
    .map((l) => ({ category: l.category, registrationNo: l.registrationNo, weight: 1, basis: l.basis, reference: l.reference,
      project: l.projectId, fixedFen: l.kind === 'PROJECT' ? l.amountFen : null })) : []).forEach(addLine);

  const form = h('form', { class: 'card', id: 'plan-form' },
    h('h2', {}, t('编辑草稿', 'Edit the draft')),
    h('p', { class: 'hint' }, t('按可分配收益的百分比填写。公益岗位工资按岗位和考勤自动计算。禁止：', 'Percent of the distributable revenue. Post wages come from posts and attendance. Forbidden: ')
      + (policy.forbidden || []).map((f) => ruleText(f.code, f.rule)).join(t('；', '; ')) + t('；', '; ') + ruleText('FLAT_PER_HEAD', policy.flatPerHeadRule)),
    h('div', { class: 'grid' }, percentFields), summary,
    h('h3', {}, t('支付明细（劳务、奖励补助、项目；岗位工资按考勤自动生成）', 'Lines (labour, rewards and subsidies, projects; post wages come from attendance)')),
    h('table', { class: 'cards' }, h('tbody', {}), lines),
    h('button', { type: 'button', class: 'secondary', onclick: () => addLine(null) }, t('添加明细', 'Add a line')),
    field(t('保存原因', 'Reason'), reason), save, msg);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    touched = true;
    if (check().length) return;
    msg.replaceChildren();
    try {
      await api.post(`/api/villages/${encodeURIComponent(village.code)}/plans`, {
        period, reason: reason.value,
        categories: Object.entries(inputs).filter(([, el]) => Number(el.value) > 0).map(([code, el]) => ({ code, percent: Number(el.value) })),
        lines: [...lines.children].map((r) => r.read()),
      });
      await reload();
    } catch (e) {
      msg.replaceChildren(errorText(e));
      const target = fieldInput(e.field, inputs, lines);
      if (target) { target.setAttribute('aria-invalid', 'true'); target.focus(); }
    }
  });
  check();
  return form;
}

function planView(plan, reload) {
  const reason = h('input', { name: 'transition-reason', value: '' });
  const objectionText = h('textarea', { name: 'objection', rows: 2 });
  const objectionBy = h('input', { name: 'raised-by' });
  const msg = h('div', { 'aria-live': 'assertive' });
  // what the publish/submit buttons answer appears beside them, not at the foot of the page
  const actionMsg = h('div', { id: 'plan-action-msg', 'aria-live': 'assertive' });
  const move = async (transition, defaultReason) => {
    actionMsg.replaceChildren();
    try {
      await api.post(`/api/plans/${plan.id}/transitions`, { transition, reason: reason.value || defaultReason });
      await reload();
    } catch (e) { actionMsg.replaceChildren(errorText(e)); }
  };
  // a plan of ¥0.00 that pays nothing posts an empty notice: say so, and publish only on a second, deliberate click
  const empty = plan.amountFen === 0 && !plan.lines.some((l) => l.amountFen > 0);
  let confirmed = false;
  const publish = h('button', { type: 'button', class: 'primary', id: 'publish', onclick: () => {
    if (empty && !confirmed) {
      confirmed = true;
      actionMsg.replaceChildren(h('p', { class: 'error', role: 'alert', id: 'empty-plan-warning' },
        t('本方案金额为 ¥0.00，不向任何人付款，发布后公示的是一张空表。确认要发布，请再点“仍然发布公示”。',
          'This plan is ¥0.00 and pays no one: the notice would be empty. To publish it all the same, click “Publish anyway”.')));
      publish.textContent = t('仍然发布公示', 'Publish anyway');
      return;
    }
    move('PUBLISH', t('张贴公示', 'posted'));
  } }, t('发布公示', 'Publish notice'));
  // the township takes the plan only after the notice: the button waits for it, and says until when
  const running = plan.state === 'NOTICE' && plan.noticeEnd && localToday() < plan.noticeEnd;
  const submit = h('button', { type: 'button', class: 'primary', id: 'submit-township', disabled: running,
    'aria-describedby': running ? 'notice-running' : null,
    onclick: () => move('SUBMIT', t('公示期满提交乡镇', 'notice ended, to township')) }, t('提交乡镇审核', 'Submit to township'));
  const notice = h('section', { class: 'card notice-sheet', id: 'notice' },
    h('h2', {}, village(plan) + t('光伏收益分配使用计划公示', ' allocation plan: public notice')),
    h('p', {}, t('期间：', 'Period: ') + plan.period + t('；可分配金额：', '; amount: ') + yuan(plan.amountFen)
      + t('（上期结余 ', ' (carried forward ') + yuan(plan.openingFen) + t(' + 本期收入 ', ' + new revenue ') + yuan(plan.newRevenueFen) + t('）', ')')
      + (plan.noticeStart ? t('；公示期：', '; notice: ') + plan.noticeStart + ' — ' + plan.noticeEnd : '')),
    table(null, [{ label: t('分类', 'Category') }, { label: t('收款人', 'Payee') }, { label: t('金额', 'Amount'), num: true }, { label: t('依据', 'Basis') }],
      plan.lines.map((l) => [categoryName(l.category), linePayee(l, plan.pool), yuan(l.amountFen), lineBasis(l)]), { id: 'plan-lines' }),
    h('p', { class: 'hint' }, t('对本方案有异议的，请在公示期内向村委会提出。', 'Objections may be raised with the village committee during the notice period.')));
  return h('section', { 'aria-labelledby': 'plan-state' },
    h('h2', { id: 'plan-state' }, t('当前方案：', 'Current plan: ') + stateName(plan.state)),
    noticeSettingNote(plan),
    plan.notes.length ? h('ul', {}, plan.notes.map((n) => h('li', { class: 'muted' }, noteText(n)))) : null,
    notice,
    h('div', { class: 'row no-print' },
      field(t('操作说明', 'Reason'), reason),
      plan.state === 'DRAFT' ? publish : null,
      plan.state === 'NOTICE' ? submit : null,
      running ? h('p', { class: 'hint', id: 'notice-running' }, t(`公示期到 ${plan.noticeEnd} 结束，之后才能提交乡镇审核。`,
        `The notice runs until ${plan.noticeEnd}; it can go to the township after that.`)) : null,
      h('button', { type: 'button', class: 'secondary', id: 'notice-pdf', onclick: () => api.download(`/api/plans/${plan.id}/notice.pdf`, `notice-${plan.period}.pdf`)
        .catch((e) => msg.replaceChildren(errorText(e))) }, t('下载公示 PDF（打印张贴）', 'Notice PDF (to print and post)')),
      h('button', { type: 'button', class: 'secondary', onclick: () => api.download(`/api/plans/${plan.id}/export.xlsx`, `plan-${plan.period}.xlsx`)
        .catch((e) => msg.replaceChildren(errorText(e))) }, t('导出 Excel', 'Export to Excel')),
      h('button', { type: 'button', class: 'secondary', onclick: () => window.print() }, t('打印本页', 'Print this page'))),
    actionMsg,
    h('h3', {}, t('异议', 'Objections')),
    plan.objections.length ? table(null, [{ label: t('提出人', 'Raised by') }, { label: t('内容', 'Text') }, { label: t('状态', 'State') }],
      plan.objections.map((o) => [o.raisedBy, o.text, o.state === 'OPEN' ? h('button', { type: 'button', class: 'secondary', onclick: async () => {
        const resolution = window.prompt(t('处理意见（报乡镇确认）', 'Proposed resolution (the township signs it off)'));
        if (!resolution) return;
        try { await api.post(`/api/plans/${plan.id}/objections/${o.id}/resolve`, { resolution }); await reload(); } catch (e) { msg.replaceChildren(errorText(e)); }
      } }, t('提出处理意见', 'Propose a resolution')) : t(OBJECTION_STATES[o.state][0], OBJECTION_STATES[o.state][1]) + (o.resolution ? '：' + o.resolution : '')]), { id: 'objections' })
      : h('p', {}, t('没有异议。', 'No objections.')),
    plan.state === 'NOTICE' ? h('form', { class: 'stack no-print', onsubmit: async (e) => {
      e.preventDefault();
      try { await api.post(`/api/plans/${plan.id}/objections`, { text: objectionText.value, raisedBy: objectionBy.value }); await reload(); } catch (err) { msg.replaceChildren(errorText(err)); }
    } }, field(t('异议内容', 'Objection'), objectionText), field(t('提出人', 'Raised by'), objectionBy),
    h('button', { type: 'submit', class: 'secondary' }, t('登记异议', 'Record objection'))) : null,
    msg);
}

/** Today in the browser's own calendar, as yyyy-MM-dd (the notice dates are local dates). */
function localToday() {
  const d = new Date();
  return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
}

/** The input a refused field names: a category's percent, or a part of a line (lines[2].fixedFen). */
function fieldInput(field, inputs, lines) {
  if (!field) return null;
  if (inputs[field]) return inputs[field];
  const m = /^lines\[(\d+)\](?:\.(\w+))?$/.exec(field);
  const row = m && lines.children[Number(m[1])];
  if (!row) return null;
  const name = { fixedFen: 'line-amount', project: 'line-project', registrationNo: 'line-household', weight: 'line-weight',
    basis: 'line-basis', category: 'line-category' }[m[2]] || 'line-category';
  return row.querySelector(`[name="${name}"]`);
}

function village(plan) {
  return plan.villageName;
}

export { planPage };
