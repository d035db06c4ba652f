// What faults cost, in yuan (issue 15 item 3): the operators' repair queue, a village's faults this month, and the
// county's monthly availability report. Every figure comes from the service (/api/losses…, /api/reports/…); the
// page only formats it, so the page, the PDF and the spreadsheet show the same numbers.
import { t, yuan, num, dateTime, faultName } from '../i18n.js';
import * as api from '../api.js';
import { h, table, field, errorText, fill } from '../dom.js';

const QUEUE_ROLES = ['OPERATOR', 'ADMIN', 'AUDITOR', 'COUNTY_APPROVER'];
const VILLAGE_ROLES = ['VILLAGE_COMMITTEE', 'ADMIN'];
const REPORT_ROLES = ['COUNTY_APPROVER', 'ADMIN', 'AUDITOR', 'OPERATOR', 'FINANCE'];

function kwh(wh) {
  return num(wh / 1000, 1) + ' kWh';
}

function monthOf(d) {
  return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0');
}

/** This month and the eleven before it, newest first. */
function monthSelect() {
  const now = new Date();
  const months = [];
  for (let i = 0; i < 12; i++) months.push(monthOf(new Date(now.getFullYear(), now.getMonth() - i, 1)));
  return h('select', { name: 'month' }, months.map((m) => h('option', { value: m }, m)));
}

/** Figures the collector could not confirm or price are said, never shown as zero. */
function caveats(item) {
  const out = [];
  if (item.unconfirmedWh > 0) {
    out.push(t('其中 ' + kwh(item.unconfirmedWh) + ' 尚未确认（设备仍无数据，恢复后可能减少）',
      kwh(item.unconfirmedWh) + ' not yet confirmed (the device is still silent; may go down once it reports)'));
  }
  if (item.unpricedBuckets > 0) {
    out.push(t('有 ' + item.unpricedBuckets + ' 个 5 分钟段无法估算', item.unpricedBuckets + ' five-minute spans could not be estimated')
      + (item.note ? '：' + item.note : ''));
  }
  return out.join('；');
}

function villagesText(list) {
  return list.length ? list.map((v) => v.name + ' ' + yuan(v.lostFen)).join('，') : '—';
}

async function repairQueuePage(root, ctx) {
  const out = h('div', { id: 'repair-queue' });
  const msg = h('div', { 'aria-live': 'polite' });
  const canRefresh = ['OPERATOR', 'ADMIN'].includes(ctx.me.role);
  const refresh = h('button', { type: 'button', id: 'loss-refresh', class: 'secondary' }, t('从采集端更新', 'Update from the collector'));
  fill(root, h('h1', {}, t('抢修队列', 'Repair queue')),
    h('p', { class: 'hint' }, t('正在发生的故障，按每天损失的收益（最近 24 小时的损失电量 × 今天的电价）排序：先修排在前面的。',
      'Faults open now, ranked by revenue lost per day (the last 24 hours’ lost energy × today’s tariff): repair the first ones first.')),
    canRefresh ? h('div', { class: 'row' }, refresh) : null, msg, out);
  const load = async () => {
    const items = await api.get('/api/losses/repair-queue');
    const cols = [{ label: t('序号', 'Rank'), num: true }, { label: t('电站', 'Station') }, { label: t('设备', 'Device') },
      { label: t('故障', 'Fault') }, { label: t('开始于', 'Since') }, { label: t('每天损失', 'Lost per day'), num: true },
      { label: t('累计损失', 'Lost so far'), num: true }, { label: t('影响的村（每天）', 'Villages it costs (per day)') },
      { label: t('说明', 'Notes') }];
    out.replaceChildren(items.length
      ? table(t('正在发生的故障', 'Open faults'), cols, items.map((i) => ({
        attrs: { dataset: { episode: i.id, station: i.station } },
        cells: [String(i.rank), i.stationName, i.device, faultName(i.type) + (i.detail ? '（' + i.detail + '）' : ''),
          dateTime(Date.parse(i.since)), yuan(i.fenPerDay), yuan(i.lostFen) + ' · ' + kwh(i.lostWh),
          villagesText(i.villagesPerDay) + (i.countyPoolFenPerDay ? '，' + t('县级统筹 ', 'county pool ') + yuan(i.countyPoolFenPerDay) : ''),
          caveats(i) || '—'],
      })), { id: 'repair-table' })
      : h('p', { id: 'repair-empty' }, t('现在没有正在发生的故障。', 'No fault is open now.')));
  };
  refresh.addEventListener('click', async () => {
    msg.replaceChildren();
    try {
      const r = await api.post('/api/losses/refresh', {});
      msg.replaceChildren(h('p', { role: 'status' }, t('已更新：' + r.priced + ' 个故障重新计价，' + r.skipped.length + ' 个跳过。',
        'Updated: ' + r.priced + ' faults priced, ' + r.skipped.length + ' skipped.')),
      ...r.skipped.map((s) => h('p', { class: 'error' }, s)));
      await load();
    } catch (e) {
      msg.replaceChildren(errorText(e));
    }
  });
  await load();
  return null;
}

async function villageFaultsPage(root, ctx) {
  if (!ctx.villages) ctx.villages = await api.get('/api/villages');
  const villages = ctx.villages;
  const villageSelect = h('select', { name: 'village' }, villages.map((v) => h('option', { value: v.code }, v.name)));
  const months = monthSelect();
  const out = h('div', { id: 'village-faults' });
  root.replaceChildren(h('h1', {}, t('故障损失', 'What faults cost us')),
    h('p', { class: 'hint' }, t('本月本村的发电收入，以及每一次故障让本村少收入多少钱。',
      'This month’s income of the village, and how much each fault cost it.')),
    h('form', { class: 'row', onsubmit: (e) => e.preventDefault() },
      villages.length > 1 ? field(t('村', 'Village'), villageSelect) : null, field(t('月份', 'Month'), months)),
    out);
  const load = async () => {
    out.replaceChildren(h('p', { class: 'muted' }, t('正在计算…', 'Computing…')));
    const village = villageSelect.value || (villages[0] && villages[0].code);
    try {
      const r = await api.get(`/api/villages/${encodeURIComponent(village)}/losses?month=${months.value}`);
      const sentences = r.faults.map((f) => {
        const until = f.until ? dateTime(Date.parse(f.until)) : null;
        const zh = f.stationName + '（' + f.device + '）' + faultName(f.type) + '，从 ' + dateTime(Date.parse(f.since))
          + (until ? ' 到 ' + until : ' 起，至今未修好') + '，电站少发 ' + kwh(f.stationLostWh) + '，本村少收入 '
          + yuan(f.villageLostFen) + '。';
        const en = f.device + ' at ' + f.stationName + ': ' + faultName(f.type) + ' from ' + dateTime(Date.parse(f.since))
          + (until ? ' to ' + until : ', not repaired yet') + '. The station lost ' + kwh(f.stationLostWh) + '; the village lost '
          + yuan(f.villageLostFen) + '.';
        const note = caveats(f);
        return h('li', { dataset: { episode: f.id } }, t(zh, en), note ? h('span', { class: 'hint' }, ' ' + note) : null);
      });
      fill(out,
        h('div', { class: 'grid' },
          h('div', { class: 'kpi', id: 'village-earned' }, h('div', { class: 'label' }, t('本月收入', 'Income this month')),
            h('div', { class: 'value' }, r.earnedFen === null ? '—' : yuan(r.earnedFen))),
          h('div', { class: 'kpi', id: 'village-lost' }, h('div', { class: 'label' }, t('故障损失', 'Lost to faults')),
            h('div', { class: 'value' }, yuan(r.lostFen)))),
        r.earnedNote ? h('p', { class: 'hint' }, t('收入暂时无法计算：', 'Income cannot be computed now: ') + r.earnedNote) : null,
        h('h2', {}, t('逐次故障', 'Fault by fault')),
        sentences.length ? h('ol', { id: 'fault-list', class: 'stack' }, sentences)
          : h('p', { id: 'fault-none' }, t('本月没有故障让本村损失收入。', 'No fault cost the village anything this month.')));
    } catch (e) {
      out.replaceChildren(errorText(e));
    }
  };
  villageSelect.addEventListener('change', load);
  months.addEventListener('change', load);
  await load();
  return null;
}

function stationRows(rows) {
  return rows.map((s) => ({
    attrs: { dataset: { station: s.station } },
    cells: [s.name, s.availabilityPercent === null ? '—' : num(Number(s.availabilityPercent), 2) + '%',
      s.producedWh === null ? '—' : kwh(s.producedWh), kwh(s.lostWh), yuan(s.lostFen), String(s.faults),
      villagesText(s.villages) + (s.countyPoolFen ? '，' + t('县级统筹 ', 'county pool ') + yuan(s.countyPoolFen) : '')],
  }));
}

async function availabilityPage(root) {
  const months = monthSelect();
  // last month is what the county reports on
  if (months.options.length > 1) months.selectedIndex = 1;
  const out = h('div', { id: 'availability' });
  const msg = h('div', { 'aria-live': 'polite' });
  const pdf = h('button', { type: 'button', id: 'availability-pdf', class: 'secondary' }, t('下载 PDF', 'Download PDF'));
  const xlsx = h('button', { type: 'button', id: 'availability-xlsx', class: 'secondary' }, t('下载 Excel', 'Download Excel'));
  root.replaceChildren(h('h1', {}, t('月度可用率报告', 'Monthly availability report')),
    h('p', { class: 'hint' }, t('可用率 = 发电量 ÷（发电量 + 故障损失电量）。损失收益按当天电价计算，按当天份额分到各村。',
      'Availability = energy produced ÷ (produced + lost to faults). Lost revenue is priced at each day’s tariff and split by each day’s shares.')),
    h('form', { class: 'row', onsubmit: (e) => e.preventDefault() }, field(t('月份', 'Month'), months), pdf, xlsx),
    msg, out);
  const cols = [{ label: t('电站', 'Station') }, { label: t('可用率', 'Availability'), num: true },
    { label: t('发电量', 'Produced'), num: true }, { label: t('损失电量', 'Lost energy'), num: true },
    { label: t('损失收益', 'Lost revenue'), num: true }, { label: t('故障数', 'Faults'), num: true },
    { label: t('各村损失', 'Lost by village') }];
  const load = async () => {
    out.replaceChildren(h('p', { class: 'muted' }, t('正在计算…', 'Computing…')));
    try {
      const r = await api.get('/api/reports/availability?month=' + months.value);
      out.replaceChildren(
        h('div', { class: 'grid' },
          h('div', { class: 'kpi', id: 'availability-lost-kwh' }, h('div', { class: 'label' }, t('故障损失电量', 'Energy lost to faults')),
            h('div', { class: 'value' }, kwh(r.lostWh))),
          h('div', { class: 'kpi', id: 'availability-lost-yuan' }, h('div', { class: 'label' }, t('故障损失收益', 'Revenue lost to faults')),
            h('div', { class: 'value' }, yuan(r.lostFen)))),
        table(t('最差十站', 'Worst ten stations'), cols, stationRows(r.worst), { id: 'worst-table' }),
        table(t('全部电站', 'All stations'), cols, stationRows(r.stations), { id: 'stations-table' }),
        table(t('各村损失', 'Lost by village'), [{ label: t('村', 'Village') }, { label: t('损失收益', 'Lost revenue'), num: true }],
          r.villages.map((v) => ({ attrs: { dataset: { village: v.village } }, cells: [v.name, yuan(v.lostFen)] })),
          { id: 'villages-table' }));
    } catch (e) {
      out.replaceChildren(errorText(e));
    }
  };
  const download = async (ext) => {
    msg.replaceChildren();
    try {
      await api.download('/api/reports/availability.' + ext + '?month=' + months.value, 'availability-' + months.value + '.' + ext);
    } catch (e) {
      msg.replaceChildren(errorText(e));
    }
  };
  pdf.addEventListener('click', () => download('pdf'));
  xlsx.addEventListener('click', () => download('xlsx'));
  months.addEventListener('change', load);
  await load();
  return null;
}

export const lossPages = [
  { path: '/repairs', menu: true, roles: QUEUE_ROLES, title: () => t('抢修队列', 'Repair queue'), render: repairQueuePage },
  { path: '/village-faults', menu: true, roles: VILLAGE_ROLES, title: () => t('故障损失', 'Fault costs'), render: villageFaultsPage },
  { path: '/availability', menu: true, roles: REPORT_ROLES, title: () => t('可用率报告', 'Availability'), render: availabilityPage },
];
