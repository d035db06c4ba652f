// Chinese first (the people who use Yangguang read Chinese); English for county IT and visitors.
// Texts sit next to where they are used as t('中文', 'English') pairs, so a page is read in one place.
const KEY = 'yg.lang';

export function lang() {
  return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN';
}

export function setLang(l) {
  localStorage.setItem(KEY, l === 'en' ? 'en' : 'zh-CN');
  document.documentElement.lang = lang();
}

export function t(zh, en) {
  return lang() === 'en' ? en : zh;
}

/** Integer fen to yuan text with two decimals and grouping, without floating point. */
export function yuan(fen) {
  if (fen === null || fen === undefined) return '—';
  const neg = fen < 0;
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  const cents = String(abs % 100).padStart(2, '0');
  return (neg ? '-' : '') + '¥' + whole + '.' + cents;
}

export function num(v, digits = 1) {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  return Number(v).toLocaleString(lang() === 'en' ? 'en-US' : 'zh-CN',
    { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function dateTime(ms) {
  if (ms === null || ms === undefined) return '—';
  return new Date(ms).toLocaleString(lang() === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
}

export const ROLE_NAMES = {
  OPERATOR: ['运维', 'Operator'],
  VILLAGE_COMMITTEE: ['村委会', 'Village committee'],
  TOWNSHIP_REVIEWER: ['乡镇审核', 'Township reviewer'],
  COUNTY_APPROVER: ['县级审批', 'County approver'],
  FINANCE: ['财务', 'Finance'],
  AUDITOR: ['审计', 'Auditor'],
  ADMIN: ['管理员', 'Administrator'],
};

export function roleName(role) {
  const n = ROLE_NAMES[role];
  return n ? t(n[0], n[1]) : role;
}

// ---- issue 15 (lost revenue pages, pages/losses.js): names of the alarm kinds an episode can have, in plain words.
// Kinds the collector adds later fall back to their code.
export const FAULT_NAMES = {
  device_fault: ['逆变器故障', 'inverter fault'],
  vendor_event: ['设备报警', 'device alarm'],
  zero_output_daylight: ['白天不发电', 'no output in daylight'],
  underperforming: ['发电偏低', 'producing too little'],
  device_offline: ['设备离线', 'device offline'],
  gateway_offline: ['电站离线', 'station offline'],
  telemetry_gap: ['数据中断', 'data gap'],
};

export function faultName(type) {
  const n = FAULT_NAMES[type];
  return n ? t(n[0], n[1]) : type;
}
