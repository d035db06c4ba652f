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

// ---- issue 14, pages: the error codes the households, QR-card and receipt forms can meet, in both languages
// (the field the service names is marked on the form; this is the sentence beside it).
export const PAGES_ERROR_TEXTS = {
  bad_id_number: ['身份证号不对（18 位，最后一位校验码）', 'The resident ID is wrong (18 characters, the last a check digit)'],
  person_exists: ['此人已登记在另一户', 'This person is already registered in a household'],
  household_exists: ['此户编号已登记', 'This household number is already registered'],
  bad_registration_no: ['户编号为 4–64 位字母、数字或“-”', 'The household number is 4–64 letters, digits or “-”'],
  bad_bank_account: ['银行账号不对', 'The bank account number is wrong'],
  bad_kind: ['类别为电网电费（BENCHMARK）或补贴（SUBSIDY）', 'The kind is BENCHMARK (grid) or SUBSIDY'],
  bad_amount: ['金额为元，最多两位小数', 'The amount is in yuan with at most two decimals'],
  bad_reference: ['凭证号为 1–64 位字母、数字或 . _ / -', 'The voucher is 1–64 letters, digits or . _ / -'],
  receipt_conflict: ['此凭证号已按其他金额或日期登记', 'This voucher was recorded with another amount or date'],
  import_rejected: ['文件有误，整个文件未导入', 'The file has wrong lines; nothing was imported'],
  notice_font_missing: ['服务器缺少中文字体，无法生成 PDF', 'The server lacks the Chinese font for the PDF'],
};

/** The sentence for an error code in the user's language, or null when this block has none. */
export function pagesErrorText(code) {
  const n = PAGES_ERROR_TEXTS[code];
  return n ? t(n[0], n[1]) : null;
}
