// 村委会: my village's revenue by period and by station share; the allocation plan and its public notice.
import { t, yuan, num, dateTime } from '../i18n.js';
import * as api from '../api.js';
import { h, table, field, describeError } from '../dom.js';
import { planPage } from './plans.js';

const VILLAGE_ROLES = ['VILLAGE_COMMITTEE', 'ADMIN'];

function isoDate(d) {
  return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
}

/** Periods a committee asks about: this month so far, last month, this year so far. [from, to) as local dates. */
function periods() {
  const now = new Date();
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const monthStart = new Date(now.getFullYear(), now.getMonth(), 1);
  const lastMonth = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return [
    { id: 'month', label: t('本月', 'This month'), from: monthStart, to: tomorrow },
    { id: 'last-month', label: t('上月', 'Last month'), from: lastMonth, to: monthStart },
    { id: 'year', label: t('今年', 'This year'), from: new Date(now.getFullYear(), 0, 1), to: tomorrow },
  ];
}

async function myVillages(ctx) {
  if (!ctx.villages) ctx.villages = await api.get('/api/villages');
  return ctx.villages;
}

async function revenuePage(root, ctx) {
  const villages = await myVillages(ctx);
  const villageSelect = h('select', { name: 'village' }, villages.map((v) => h('option', { value: v.code }, v.name + '（' + v.townshipName + '）')));
  const periodSelect = h('select', { name: 'period' }, periods().map((p) => h('option', { value: p.id }, p.label)));
  const out = h('div', { id: 'revenue' });
  root.replaceChildren(h('h1', {}, t('本村收益', 'Village revenue')),
    h('p', { class: 'hint' }, t('按电站份额计算的本村发电收益（含补贴部分，未扣减费用）。', 'Revenue of the village from its share of each station (subsidy included, before deductions).')),
    h('form', { class: 'row', onsubmit: (e) => e.preventDefault() },
      villages.length > 1 ? field(t('村', 'Village'), villageSelect) : null, field(t('期间', 'Period'), periodSelect)),
    out);
  // only the stations the village holds a share of: asking for others would only be refused
  const stationsOf = new Map();
  const load = async () => {
    const village = villageSelect.value || (villages[0] && villages[0].code);
    if (!village) {
      out.replaceChildren(h('p', {}, t('没有可查看的村。', 'No village in your scope.')));
      return;
    }
    if (!stationsOf.has(village)) stationsOf.set(village, await api.get(`/api/villages/${encodeURIComponent(village)}/stations`));
    const stations = stationsOf.get(village);
    const p = periods().find((x) => x.id === periodSelect.value);
    out.replaceChildren(h('p', { class: 'muted' }, t('正在计算…', 'Computing…')));
    const rows = [];
    const problems = [];
    const resets = [];
    const swaps = [];
    let total = 0;
    let lostTotal = 0;
    await Promise.all(stations.map(async (s) => {
      try {
        const r = await api.get(`/api/stations/${encodeURIComponent(s.code)}/revenue?from=${isoDate(p.from)}&to=${isoDate(p.to)}`);
        const mine = r.villages.find((v) => v.village === village);
        if (!mine) return;
        // issue 15: what faults cost the village at this station in the same period, beside what it earned
        const lostHere = (r.lostVillages || []).find((v) => v.village === village);
        const lostFen = lostHere ? lostHere.lostFen : 0;
        rows.push({ code: s.code, cells: [s.name, num(r.energyKwh, 1), num(Number(mine.share), 2) + '%', yuan(r.grossFen), yuan(mine.revenueFen), yuan(lostFen)] });
        total += mine.revenueFen;
        lostTotal += lostFen;
        // an inverter replaced or reset in the period: the committee sees why the energy is what it is
        for (const c of r.counterResets || []) {
          resets.push(s.name + t('：逆变器 ' + c.device + ' 的电量计数器在本期间回退（' + num(c.startWh, 0) + ' → ' + num(c.endWh, 0)
            + ' Wh，更换或复位），发电量按计数器的增量累计，回退的一步计为 0。',
          ': inverter ' + c.device + "'s energy counter went back in this period (" + num(c.startWh, 0) + ' → ' + num(c.endWh, 0)
            + ' Wh: replaced or reset); its energy is the sum of the counter\'s increases, the step back counted as 0.'));
        }
        // an inverter replaced in the period (another serial number): each unit's own counter counts
        for (const w of r.inverterSwaps || []) {
          swaps.push(s.name + t('：逆变器 ' + w.device + ' 于 ' + dateTime(Date.parse(w.at)) + ' 更换（序列号 ' + w.oldSerial + ' → '
            + w.newSerial + '），新旧两台各按自己的电量计数器计量，两者之间的一步不计入发电量。',
          ': inverter ' + w.device + ' was replaced on ' + dateTime(Date.parse(w.at)) + ' (serial ' + w.oldSerial + ' → '
            + w.newSerial + '); each unit is metered by its own energy counter, the step between them is not counted.'));
        }
      } catch (e) {
        problems.push(s.name + t('：', ': ') + describeError(e));
      }
    }));
    rows.sort((a, b) => a.code.localeCompare(b.code));
    const cols = [{ label: t('电站', 'Station') }, { label: t('发电量 kWh', 'Energy kWh'), num: true },
      { label: t('本村份额', 'Our share'), num: true }, { label: t('电站收益', 'Station revenue'), num: true },
      { label: t('本村收益', 'Our revenue'), num: true }, { label: t('故障损失', 'Lost to faults'), num: true }];
    out.replaceChildren(
      h('div', { class: 'grid' }, h('div', { class: 'kpi', id: 'village-total' },
        h('div', { class: 'label' }, p.label + t('本村收益合计', ' revenue of the village')), h('div', { class: 'value' }, yuan(total))),
        h('div', { class: 'kpi', id: 'village-lost-total' },
          h('div', { class: 'label' }, p.label + t('故障损失合计', ' lost to faults')), h('div', { class: 'value' }, yuan(lostTotal)))),
      rows.length ? table(t('按电站份额', 'By station share'), cols, rows.map((r) => ({ attrs: { dataset: { station: r.code } }, cells: r.cells })),
        { id: 'revenue-table' }) : h('p', {}, t('本期间没有收益数据。', 'No revenue in this period.')),
      ...resets.map((m) => h('p', { class: 'hint counter-reset' }, m)),
      ...swaps.map((m) => h('p', { class: 'hint counter-swap' }, m)),
      ...problems.map((m) => h('p', { class: 'error' }, m)));
  };
  villageSelect.addEventListener('change', load);
  periodSelect.addEventListener('change', load);
  await load();
  return null;
}

export const villagePages = [
  { path: '/village', menu: true, roles: VILLAGE_ROLES, title: () => t('本村收益', 'Revenue'), render: revenuePage },
  { path: '/plans', menu: true, roles: VILLAGE_ROLES, title: () => t('分配方案', 'Allocation plan'), render: planPage },
];
