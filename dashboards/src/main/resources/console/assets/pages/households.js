// 村委会: the village's households — register one with its members, and print its members' QR cards (一码清).
import { t, pagesErrorText } from '../i18n.js';
import * as api from '../api.js';
import { h, table, field, fill, errorText } from '../dom.js';

const ROLES = ['VILLAGE_COMMITTEE', 'ADMIN'];

const STATUSES = {
  REGISTERED_POOR: ['建档立卡户', 'Registered poor'],
  MONITORED: ['监测户', 'Monitored'],
  LIFTED_OUT: ['已脱贫', 'Lifted out'],
};
const RELATIONS = {
  HEAD: ['户主', 'Head'], SPOUSE: ['配偶', 'Spouse'], SON: ['儿子', 'Son'], DAUGHTER: ['女儿', 'Daughter'],
  FATHER: ['父亲', 'Father'], MOTHER: ['母亲', 'Mother'], GRANDCHILD: ['孙辈', 'Grandchild'], MEMBER: ['其他成员', 'Other member'],
};
const LABOUR = { FULL: ['有劳动能力', 'Able to work'], PARTIAL: ['部分劳动能力', 'Partly able'], NONE: ['无劳动能力', 'Unable to work'] };

/** A refusal in the reader's language when its code is known (the service's own sentence otherwise). */
const explain = (e) => (e && pagesErrorText(e.code) ? h('p', { class: 'error', role: 'alert' }, pagesErrorText(e.code)) : errorText(e));
const name = (map, code) => (map[code] ? t(map[code][0], map[code][1]) : code);
const options = (map, selected) => Object.keys(map).map((k) => h('option', { value: k, selected: k === selected }, name(map, k)));

function memberRow(i, onRemove) {
  const row = h('fieldset', { class: 'card member', dataset: { member: i } },
    h('legend', {}, i === 0 ? t('户主', 'Head of household') : t('成员 ', 'Member ') + (i + 1)));
  const inputs = {
    name: h('input', { name: `members[${i}].name`, required: true, autocomplete: 'off' }),
    idNumber: h('input', { name: `members[${i}].idNumber`, required: true, maxlength: 18, autocomplete: 'off', autocapitalize: 'characters' }),
    relation: h('select', { name: `members[${i}].relation`, disabled: i === 0 }, options(RELATIONS, i === 0 ? 'HEAD' : 'SPOUSE')),
    labourCapacity: h('select', { name: `members[${i}].labourCapacity` }, options(LABOUR, 'FULL')),
  };
  row.append(field(t('姓名', 'Name'), inputs.name), field(t('身份证号（18位）', 'Resident ID (18 characters)'), inputs.idNumber),
    field(t('与户主关系', 'Relation to the head'), inputs.relation), field(t('劳动能力', 'Labour capacity'), inputs.labourCapacity));
  if (i > 0) row.append(h('button', { type: 'button', class: 'secondary', onclick: onRemove }, t('删除此成员', 'Remove this member')));
  row.inputs = inputs;
  return row;
}

function registerForm(village, onDone) {
  const regNo = h('input', { name: 'registrationNo', required: true, autocomplete: 'off', pattern: '[A-Za-z0-9-]{4,64}' });
  const status = h('select', { name: 'status' }, options(STATUSES, 'REGISTERED_POOR'));
  const bankName = h('input', { name: 'bankName', required: true, value: t('临县农商行', 'Lin County Rural Commercial Bank') });
  const bankAccount = h('input', { name: 'bankAccount', required: true, inputmode: 'numeric', autocomplete: 'off' });
  const reason = h('input', { name: 'reason', required: true, value: t('建档立卡户登记', 'registering a household') });
  const members = h('div', { id: 'register-members' });
  const msg = h('div', { id: 'register-result', 'aria-live': 'assertive' });
  const rows = [];
  const renumber = () => {
    fill(members, rows.map((r, i) => { r.dataset.member = i; return r; }));
  };
  const add = () => {
    const row = memberRow(rows.length, () => { rows.splice(rows.indexOf(row), 1); renumber(); });
    rows.push(row);
    renumber();
    return row;
  };
  add();
  const form = h('form', { class: 'stack', id: 'register-form' },
    field(t('户编号', 'Household number'), regNo), field(t('户类别', 'Status'), status),
    field(t('开户银行', 'Bank'), bankName), field(t('银行账号（户主）', 'Bank account (of the head)'), bankAccount),
    members,
    h('button', { type: 'button', class: 'secondary', id: 'add-member', onclick: () => add().inputs.name.focus() }, t('添加成员', 'Add a member')),
    field(t('登记原因', 'Reason'), reason),
    h('button', { type: 'submit', class: 'primary' }, t('登记农户', 'Register the household')), msg);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    msg.replaceChildren();
    form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    const body = {
      registrationNo: regNo.value.trim(), status: status.value, statusFrom: null, bankName: bankName.value.trim(),
      bankAccount: bankAccount.value.replace(/\s/g, ''), reason: reason.value.trim(),
      members: rows.map((r, i) => ({ name: r.inputs.name.value.trim(), idNumber: r.inputs.idNumber.value.trim().toUpperCase(),
        relation: i === 0 ? 'HEAD' : r.inputs.relation.value, labourCapacity: r.inputs.labourCapacity.value })),
    };
    try {
      const v = await api.post(`/api/villages/${encodeURIComponent(village)}/households`, body);
      msg.replaceChildren(h('p', { role: 'status', id: 'register-done' }, t(`已登记 ${v.registrationNo}（${v.members.length} 人）。`,
        `Registered ${v.registrationNo} (${v.members.length} people).`)));
      form.reset();
      rows.splice(0, rows.length);
      add();
      onDone(v.registrationNo);
    } catch (e) {
      // the field the service names gets the mark and the message beside it
      const el = e.field ? form.querySelector(`[name="${CSS.escape(e.field)}"]`) : null;
      if (el) { el.setAttribute('aria-invalid', 'true'); el.focus(); }
      msg.replaceChildren(explain(e));
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'register-h' },
    h('h2', { id: 'register-h' }, t('登记农户', 'Register a household')),
    h('p', { class: 'hint' }, t('第一位成员是户主。身份证号会校验；页面上只显示打码后的号码。',
      'The first member is the head. ID numbers are checked; pages show them masked.')), form);
}

async function listSection(village, out, highlight) {
  const households = await api.get(`/api/villages/${encodeURIComponent(village)}/households`);
  const msg = h('div', { id: 'qr-result', 'aria-live': 'assertive' });
  const rows = households.map((x) => ({
    attrs: { dataset: { household: x.registrationNo }, class: x.registrationNo === highlight ? 'highlight' : null },
    cells: [x.registrationNo, x.headName, name(STATUSES, x.status), String(x.members.length),
      h('button', { type: 'button', class: 'secondary', name: 'qr-sheet', dataset: { household: x.registrationNo },
        onclick: async () => {
          msg.replaceChildren(h('p', { class: 'muted' }, t('正在生成…', 'Preparing…')));
          try {
            await api.postDownload(`/api/households/${encodeURIComponent(x.registrationNo)}/qr-sheet`,
              { reason: t('打印成员二维码卡', 'printing the members\' QR cards') }, `qr-cards-${x.registrationNo}.pdf`);
            msg.replaceChildren(h('p', { id: 'qr-done' }, t(`已生成 ${x.registrationNo} 的二维码卡，之前打印的卡已作废。`,
              `QR cards of ${x.registrationNo} are ready; cards printed before no longer work.`)));
          } catch (e) { msg.replaceChildren(explain(e)); }
        } }, t('打印成员二维码卡（PDF）', 'Print members\' QR cards (PDF)'))],
  }));
  fill(out, households.length
    ? table(t('本村农户', 'Households of the village'), [{ label: t('户编号', 'Household number') }, { label: t('户主', 'Head') },
      { label: t('类别', 'Status') }, { label: t('人数', 'People'), num: true }, { label: t('二维码', 'QR code') }], rows, { id: 'household-list' })
    : h('p', {}, t('本村还没有登记农户。', 'No household is registered in this village yet.')),
  h('p', { class: 'hint' }, t('打印新的二维码卡会停用之前的卡。', 'Printing new cards stops the earlier ones from working.')), msg);
}

async function householdsPage(root, ctx) {
  if (!ctx.villages) ctx.villages = await api.get('/api/villages');
  const villages = ctx.villages;
  const select = h('select', { name: 'village' }, villages.map((v) => h('option', { value: v.code }, v.name)));
  const list = h('div', { id: 'households' });
  const formBox = h('div', {});
  const load = async (highlight) => {
    const v = select.value || (villages[0] && villages[0].code);
    try { await listSection(v, list, highlight); } catch (e) { list.replaceChildren(errorText(e)); }
  };
  const render = () => { formBox.replaceChildren(registerForm(select.value || villages[0].code, load)); load(); };
  select.addEventListener('change', render);
  fill(root, h('h1', {}, t('农户与二维码', 'Households and QR codes')),
    villages.length > 1 ? h('form', { class: 'row', onsubmit: (e) => e.preventDefault() }, field(t('村', 'Village'), select)) : null,
    list, formBox);
  render();
  return null;
}

export const householdsPages = [
  { path: '/households', menu: true, roles: ROLES, title: () => t('农户', 'Households'), render: householdsPage },
];
