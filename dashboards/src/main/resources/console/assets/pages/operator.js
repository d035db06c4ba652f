// 运维: every station's live state, one station's yield and performance, and alarms to acknowledge.
import { t, num, dateTime, alarmDetail } from '../i18n.js';
import * as api from '../api.js';
import { h, table, unavailable, errorText, field } from '../dom.js';
import { draw } from '../charts.js';

const OPS = ['OPERATOR', 'ADMIN', 'AUDITOR'];

const ALARM_TYPES = {
  device_offline: ['设备离线', 'Device offline'],
  gateway_offline: ['网关离线', 'Gateway offline'],
  fault: ['设备故障', 'Fault'],
  vendor_event: ['厂家事件', 'Vendor event'],
  zero_output_daylight: ['白天零出力', 'No output in daylight'],
  underperforming: ['发电偏低', 'Underperforming'],
  telemetry_gap: ['数据缺失', 'Readings missing'],
};
const SEVERITY = { critical: ['紧急', 'Critical'], major: ['重要', 'Major'], minor: ['一般', 'Minor'] };

function pair(map, key) {
  const p = map[key];
  return p ? t(p[0], p[1]) : key;
}

/** online / offline / fault, from the collector's reporting count and the station's active alarms. */
export function stationState(live, alarms) {
  if (!live || live.reporting === 0) return 'offline';
  const mine = alarms.filter((a) => a.station === live.station);
  if (mine.some((a) => a.type === 'gateway_offline')) return 'offline';
  const silent = new Set(mine.filter((a) => a.type === 'device_offline').map((a) => a.device));
  if (live.inverters > 0 && silent.size >= live.inverters) return 'offline';
  if (mine.some((a) => a.severity === 'critical' || a.severity === 'major')) return 'fault';
  return 'online';
}

function stateBadge(state) {
  const text = { online: t('在线', 'Online'), offline: t('离线', 'Offline'), fault: t('故障', 'Fault') }[state];
  return h('span', { class: 'state state-' + state, dataset: { state } }, text);
}

function stationRows(registry, live, alarms) {
  const byCode = new Map(live.map((l) => [l.station, l]));
  const codes = registry.map((s) => s.code);
  for (const l of live) if (!codes.includes(l.station)) codes.push(l.station);
  const names = new Map(registry.map((s) => [s.code, s.name]));
  return codes.map((code) => {
    const l = byCode.get(code);
    const active = alarms.filter((a) => a.station === code).length;
    return {
      attrs: { dataset: { station: code } },
      cells: [
        h('a', { href: '#/station/' + encodeURIComponent(code) }, names.get(code) || code),
        stateBadge(stationState(l, alarms)),
        hasData(l) ? num(l.power_w / 1000, 1) : noData(),
        hasData(l) || (l && l.energy_today_kwh > 0) ? num(l.energy_today_kwh, 1) : noData(),
        l ? l.reporting + ' / ' + l.inverters : '—',
        active ? h('a', { href: '#/alarms' }, String(active)) : '0',
      ],
    };
  });
}

/** Whether the collector has readings of the station from the last hour (else the page says so, never "0.0"). */
function hasData(l) {
  return !!l && l.last_reading_ms != null;
}

function noData(since) {
  return h('span', { class: 'no-data' }, since ? t(`暂无数据（最后读数 ${dateTime(since)}）`, `No data since ${dateTime(since)}`)
    : t('暂无数据', 'No data'));
}

function stationColumns() {
  return [{ label: t('电站', 'Station') }, { label: t('状态', 'State') }, { label: t('当前功率 kW', 'Power kW'), num: true },
    { label: t('今日发电 kWh', 'Today kWh'), num: true }, { label: t('在线逆变器', 'Inverters reporting'), num: true },
    { label: t('活动告警', 'Active alarms'), num: true }];
}

const STATE_COLOURS = { online: '#1a7f37', fault: '#b42318', offline: '#5d6b7e' };

// Stations placed by the collector registry's latitude/longitude (no map tiles: the console works offline in a
// county office), each dot coloured by its live state. Redrawn only when a position or a state changes.
async function drawStationMap(box, placed, names, alarms, previous) {
  if (previous) previous();
  if (!placed.length) {
    box.replaceChildren(unavailable(t('地图暂不可用：采集器的电站台账中还没有坐标（经纬度）。',
      'Map not yet available: the collector registry gives no station coordinates.')));
    return null;
  }
  const el = h('div', { class: 'chart', role: 'img', 'aria-label': t('电站位置与实时状态', 'Station positions and live state') });
  box.replaceChildren(el);
  const stateText = { online: t('在线', 'Online'), offline: t('离线', 'Offline'), fault: t('故障', 'Fault') };
  // a county is about a degree across: frame the stations with half a degree around them
  const around = (values) => ({ min: Math.floor((Math.min(...values) - 0.5) * 10) / 10,
    max: Math.ceil((Math.max(...values) + 0.5) * 10) / 10 });
  const lon = around(placed.map((l) => l.lon));
  const lat = around(placed.map((l) => l.lat));
  return draw(el, {
    grid: { left: 56, right: 24, top: 24, bottom: 44 },
    tooltip: { trigger: 'item', formatter: (p) => p.data.name + ' · ' + p.data.stateText },
    xAxis: { type: 'value', min: lon.min, max: lon.max, name: t('经度 °E', 'Longitude °E'), nameLocation: 'middle', nameGap: 28 },
    yAxis: { type: 'value', min: lat.min, max: lat.max, name: t('纬度 °N', 'Latitude °N') },
    series: [{
      type: 'scatter', symbolSize: 18,
      label: { show: true, position: 'right', formatter: (p) => p.data.name },
      data: placed.map((l) => {
        const state = stationState(l, alarms);
        return { name: names.get(l.station) || l.station, value: [l.lon, l.lat], stateText: stateText[state],
          itemStyle: { color: STATE_COLOURS[state] } };
      }),
    }],
  });
}

async function stationsPage(root) {
  const registry = await api.get('/api/stations');
  const listBox = h('div', { id: 'station-list' });
  const liveNote = h('p', { class: 'live', id: 'live-note', 'aria-live': 'off' }, t('正在连接实时数据…', 'Connecting to live data…'));
  const counts = h('div', { class: 'grid', id: 'state-counts' });
  const mapBox = h('div', { id: 'station-map' });
  root.replaceChildren(
    h('h1', {}, t('电站总览', 'Stations')),
    counts, liveNote, listBox,
    h('h2', {}, t('电站地图', 'Map')), mapBox);
  let disposeMap = null;
  let mapKey = '';
  const names = new Map(registry.map((st) => [st.code, st.name]));
  const renderMap = (live, alarms) => {
    const placed = live.filter((l) => typeof l.lat === 'number' && typeof l.lon === 'number');
    const key = JSON.stringify(placed.map((l) => [l.station, l.lat, l.lon, stationState(l, alarms)]));
    if (key === mapKey) return;
    mapKey = key;
    drawStationMap(mapBox, placed, names, alarms, disposeMap).then((d) => { disposeMap = d; },
      (e) => mapBox.replaceChildren(errorText(e)));
  };

  const render = (live, alarms) => {
    renderMap(live, alarms);
    const states = registry.map((s) => stationState(live.find((l) => l.station === s.code), alarms));
    const count = (st) => states.filter((x) => x === st).length;
    counts.replaceChildren(
      kpi(t('在线', 'Online'), count('online')), kpi(t('故障', 'Fault'), count('fault')),
      kpi(t('离线', 'Offline'), count('offline')), kpi(t('活动告警', 'Active alarms'), alarms.length));
    listBox.replaceChildren(table(t('全部电站的实时状态', 'Live state of every station'), stationColumns(),
      stationRows(registry, live, alarms), { id: 'stations-table' }));
  };

  try {
    const [live, alarms] = await Promise.all([api.get('/api/live/stations'), api.get('/api/live/alarms')]);
    render(live, alarms);
  } catch (e) {
    render([], []);
    liveNote.replaceChildren(errorText(e));
  }
  const abort = new AbortController();
  api.stream('/api/live/events', (name, data) => {
    if (name === 'live') {
      const snap = JSON.parse(data);
      render(snap.stations, snap.alarms);
      liveNote.className = 'live';
      liveNote.textContent = t('实时更新 · ', 'Live · ') + dateTime(Date.now());
    } else if (name === 'unavailable') {
      liveNote.className = 'error';
      // the reason (the service's English, for its log) is not shown: the user needs to know it retries by itself
      liveNote.textContent = t('实时数据暂时中断（采集器未响应），正在自动重试…', 'Live data interrupted (the collector does not answer); retrying by itself…');
    }
  }, abort.signal);
  return () => { abort.abort(); if (disposeMap) disposeMap(); };
}

function kpi(label, value, id) {
  return h('div', { class: 'kpi', id }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value));
}

function localMidnight(d) {
  const x = new Date(d);
  x.setHours(0, 0, 0, 0);
  return x;
}

function isoDate(d) {
  return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
}

async function stationPage(root, ctx, params) {
  const code = params.code;
  const station = await api.get('/api/stations/' + encodeURIComponent(code)).catch(() => ({ code, name: code }));
  const disposers = [];
  root.replaceChildren(h('p', {}, h('a', { href: '#/stations' }, t('← 返回电站总览', '← All stations'))),
    h('h1', {}, station.name || code));
  const now = new Date();
  const today = localMidnight(now);
  const yesterday = new Date(today.getTime() - 86400000);
  const monthAgo = new Date(today.getTime() - 29 * 86400000);
  const yearStart = new Date(today.getFullYear(), 0, 1);
  let energy; let todaySeries; let ydaySeries; let inverters; let ranking; let live; let devices;
  try {
    [energy, todaySeries, ydaySeries, inverters, ranking, live, devices] = await Promise.all([
      api.get(`/api/live/stations/${code}/energy?from=${isoDate(yearStart < monthAgo ? yearStart : monthAgo)}&to=${isoDate(today)}`),
      api.get(`/api/live/stations/${code}/series?field=ac_power&from=${today.getTime()}&to=${now.getTime()}`),
      api.get(`/api/live/stations/${code}/series?field=ac_power&from=${yesterday.getTime()}&to=${today.getTime()}`),
      api.get(`/api/live/stations/${code}/inverters/ranking?date=${isoDate(today)}`),
      api.get(`/api/live/ranking?date=${isoDate(today)}`),
      api.get('/api/live/stations'),
      api.get(`/api/live/stations/${code}/devices`).catch(() => null),
    ]);
  } catch (e) {
    root.append(errorText(e));
    return null;
  }
  const day = (d) => energy.days.find((x) => x.date === isoDate(d)) || {};
  const d0 = day(today);
  const d1 = day(yesterday);
  const month = energy.months[energy.months.length - 1] || {};
  const rank = ranking.find((r) => r.station === code);
  const l = live.find((x) => x.station === code);
  // today's kWh is the list's figure (the collector's raw counters, the same rule as the revenue page): one figure
  const todayKwh = l ? l.energy_today_kwh : null;
  if (!hasData(l) && !(todayKwh > 0)) {
    root.append(h('p', { class: 'unavailable', role: 'note', id: 'station-no-data' },
      t('最近一小时没有收到这个电站的读数：下面只有以前的数据，今天的数字和曲线暂缺，不是零发电。',
        'No reading from this station in the last hour: below is earlier data only; today\'s figures and curves are missing, not zero.')));
  }
  root.append(h('div', { class: 'grid', id: 'station-kpis' },
    kpi(t('当前功率 kW', 'Power now kW'), hasData(l) ? num(l.power_w / 1000, 1) : noData(), 'kpi-power'),
    kpi(t('今日发电 kWh', 'Today kWh'), hasData(l) || todayKwh > 0 ? num(todayKwh, 1) : noData(), 'kpi-today'),
    kpi(t('昨日发电 kWh', 'Yesterday kWh'), num(d1.energy_kwh, 1)),
    kpi(t('本月发电 kWh', 'This month kWh'), num(month.energy_kwh, 1)),
    kpi(t('今日等效小时 h', 'Equivalent hours today h'), num(d0.equivalent_hours, 2)),
    kpi(t('今日系统效率 PR', 'Performance ratio today'), d0.performance_ratio == null ? '—' : num(d0.performance_ratio * 100, 1) + '%'),
    kpi(t('全县排名', 'Fleet rank'), rank ? rank.rank + ' / ' + ranking.length : '—')));

  const powerChart = h('div', { class: 'chart', role: 'img', 'aria-label': t('今日与昨日功率曲线', 'Power today against yesterday') });
  const dailyChart = h('div', { class: 'chart', role: 'img', 'aria-label': t('近30天每日发电量', 'Daily energy, last 30 days') });
  root.append(h('h2', {}, t('今日功率与昨日对比', 'Power today against yesterday')), powerChart,
    h('h2', {}, t('每日发电量', 'Daily yield')), dailyChart);
  const hours = (series, base) => series.points.map(([ms, v]) => [(ms - base) / 3600000, v == null ? null : v / 1000]);
  // an empty chart says nothing: a chart without points is replaced by a note that says so
  if (!todaySeries.points.length && !ydaySeries.points.length) {
    powerChart.replaceWith(unavailable(t('暂无数据：今天和昨天都没有功率读数。', 'No data: no power reading today or yesterday.')));
  }
  if (!energy.days.slice(-30).some((d) => d.energy_kwh > 0)) {
    dailyChart.replaceWith(unavailable(t('暂无数据：近 30 天没有发电量。', 'No data: no energy in the last 30 days.')));
  }
  const charts = [
    !powerChart.isConnected ? Promise.resolve(() => {}) : draw(powerChart, {
      tooltip: { trigger: 'axis' }, legend: { data: [t('今日', 'Today'), t('昨日', 'Yesterday')] },
      xAxis: { type: 'value', min: 0, max: 24, name: t('时', 'h') }, yAxis: { type: 'value', name: 'kW' },
      series: [{ name: t('今日', 'Today'), type: 'line', showSymbol: false, data: hours(todaySeries, today.getTime()) },
        { name: t('昨日', 'Yesterday'), type: 'line', showSymbol: false, lineStyle: { type: 'dashed' }, data: hours(ydaySeries, yesterday.getTime()) }],
    }),
    !dailyChart.isConnected ? Promise.resolve(() => {}) : draw(dailyChart, {
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: energy.days.slice(-30).map((d) => d.date.slice(5)) }, yAxis: { type: 'value', name: 'kWh' },
      series: [{ name: 'kWh', type: 'bar', data: energy.days.slice(-30).map((d) => d.energy_kwh) }],
    }),
  ];
  charts.forEach((c) => c.then((dispose) => disposers.push(dispose)).catch((e) => root.append(errorText(e))));

  root.append(h('h2', {}, t('月度发电', 'Monthly yield')),
    table(null, [{ label: t('月份', 'Month') }, { label: 'kWh', num: true }, { label: t('等效小时 h', 'Equivalent hours h'), num: true },
      { label: 'PR', num: true }], energy.months.map((m) => [m.month, num(m.energy_kwh, 1), num(m.equivalent_hours, 1),
      m.performance_ratio == null ? '—' : num(m.performance_ratio * 100, 1) + '%']), { id: 'monthly-table' }),
    h('h2', {}, t('逆变器排名（今日）', 'Inverter ranking (today)')),
    table(null, [{ label: t('名次', 'Rank'), num: true }, { label: t('逆变器', 'Inverter') }, { label: 'kWh', num: true },
      { label: t('单位千瓦发电 kWh/kWp', 'Specific yield kWh/kWp'), num: true }],
    inverters.map((r) => [r.rank, r.device, num(r.energy_kwh, 1), num(r.specific_yield_kwh_kwp, 2)]), { id: 'inverter-ranking' }));
  root.append(...deviceSection(devices));
  return () => disposers.forEach((d) => d());
}

// Every device as it names itself (SunSpec model 1 or the vendor's identity registers), and every replacement:
// a changed serial number is an inverter swap, and its energy is counted from each unit's own counter.
function deviceSection(devices) {
  const head = h('h2', {}, t('设备铭牌', 'Devices'));
  if (devices == null) {
    return [head, unavailable(t('设备铭牌暂不可用：采集器没有回答。', 'Device nameplates unavailable: the collector did not answer.'))];
  }
  const np = (d, key) => (d.nameplate && d.nameplate[key]) || '—';
  const rows = devices.map((d) => ({
    attrs: { dataset: { device: d.device } },
    cells: [d.device, np(d, 'manufacturer'), np(d, 'model'), np(d, 'serial'), np(d, 'version'), dateTime(d.since)],
  }));
  const swaps = devices.flatMap((d) => (d.swaps || []).map((w) => ({ ...w, device: d.device })))
    .sort((a, b) => b.ts - a.ts);
  const out = [head, rows.length ? table(t('各设备报告的厂家、型号、序列号和固件', 'Make, model, serial number and firmware each device reports'),
    [{ label: t('设备', 'Device') }, { label: t('厂家', 'Manufacturer') }, { label: t('型号', 'Model') },
      { label: t('序列号', 'Serial number') }, { label: t('固件版本', 'Firmware') }, { label: t('读取于', 'Read since') }],
    rows, { id: 'device-table' }) : h('p', {}, t('网关尚未报告任何设备铭牌。', 'No gateway has reported a nameplate yet.'))];
  if (swaps.length) {
    out.push(h('h2', {}, t('设备更换记录', 'Inverter replacements')),
      h('p', { class: 'hint' }, t('序列号改变即为更换：新旧两台各按自己的电量计数器计量，两者之间的一步不计入发电量。',
        'A changed serial number is a replacement: each unit is metered by its own energy counter, the step between them is not counted as energy.')),
      table(null, [{ label: t('更换时间', 'Replaced at') }, { label: t('设备', 'Device') }, { label: t('原序列号', 'Old serial') },
        { label: t('新序列号', 'New serial') }, { label: t('型号', 'Model') }],
      swaps.map((w) => ({ attrs: { dataset: { device: w.device } },
        cells: [dateTime(w.ts), w.device, w.old_serial, w.new_serial, (w.old_model || '—') + ' → ' + (w.new_model || '—')] })),
      { id: 'swap-table' }));
  }
  return out;
}

async function alarmsPage(root, ctx) {
  const canAck = ctx.me.role !== 'AUDITOR';
  const box = h('div', { id: 'alarm-list' });
  root.replaceChildren(h('h1', {}, t('活动告警', 'Active alarms')),
    h('p', { class: 'hint' }, t('确认告警表示“已知悉，正在处理”，会记录确认人、时间和说明。',
      'Acknowledging says “seen, being handled”; who, when and why are recorded.')), box);
  // stations by name, as the operator knows them (the code stays in the row's data for scripts and tests)
  const names = new Map((await api.get('/api/stations').catch(() => [])).map((s) => [s.code, s.name]));
  const load = async () => {
    let alarms;
    try {
      alarms = await api.get('/api/live/alarms');
    } catch (e) {
      box.replaceChildren(errorText(e));
      return;
    }
    if (!alarms.length) {
      box.replaceChildren(h('p', {}, t('目前没有活动告警。', 'No active alarms.')));
      return;
    }
    const cols = [{ label: t('时间', 'Time') }, { label: t('电站', 'Station') }, { label: t('设备', 'Device') },
      { label: t('类型', 'Type') }, { label: t('级别', 'Severity') }, { label: t('详情', 'Detail') }, { label: t('确认', 'Acknowledge') }];
    box.replaceChildren(table(null, cols, alarms.map((a) => ({
      attrs: { dataset: { key: a.key, station: a.station } },
      // ts 0: the collector could not say when it was raised
      cells: [a.ts ? dateTime(a.ts) : '—', names.get(a.station) || a.station, a.device || '—', pair(ALARM_TYPES, a.type),
        h('span', { class: 'sev-' + a.severity }, pair(SEVERITY, a.severity)), alarmDetail(a),
        a.acknowledgedBy ? h('span', { class: 'acked' }, t('已确认：', 'Acknowledged by ') + a.acknowledgedBy + ' · ' + dateTime(Date.parse(a.acknowledgedAt)))
          : canAck ? ackForm(a, load) : t('未确认', 'Not acknowledged')],
    })), { id: 'alarms-table' }));
  };
  await load();
  return null;
}

function ackForm(alarm, reload) {
  const reason = h('input', { name: 'reason', value: t('已知悉，安排处理', 'Seen, dispatching a technician') });
  const msg = h('div', { 'aria-live': 'assertive' });
  const form = h('form', { class: 'row ack-form' }, field(t('处理说明', 'Note'), reason),
    h('button', { type: 'submit', class: 'primary' }, t('确认告警', 'Acknowledge')), msg);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api.post('/api/live/alarms/acknowledge', { key: alarm.key, reason: reason.value });
      await reload();
    } catch (e) {
      msg.replaceChildren(errorText(e));
    }
  });
  return form;
}

export const operatorPages = [
  { path: '/stations', menu: true, roles: OPS, title: () => t('电站', 'Stations'), render: stationsPage },
  { path: '/station/:code', roles: OPS, title: () => t('电站详情', 'Station'), render: stationPage },
  { path: '/alarms', menu: true, roles: OPS, title: () => t('告警', 'Alarms'), render: alarmsPage },
];
