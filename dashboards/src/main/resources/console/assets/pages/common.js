// Names shared by the plan pages (committee, reviewers): categories and states in the user's language.
// The names themselves live in i18n.js (blocks CATEGORIES, PLAN_STATES, BASES, PAYEES, POST_TYPES).
import { t, CATEGORIES, PLAN_STATES, BASES, PAYEES, POST_TYPES } from '../i18n.js';

export const CATEGORY_NAMES = CATEGORIES;
export const STATE_NAMES = PLAN_STATES;

export function categoryName(code, fallback) {
  const n = CATEGORY_NAMES[code];
  return n ? t(n[0], n[1]) : (fallback || code);
}

export function stateName(state) {
  const n = STATE_NAMES[state];
  return n ? t(n[0], n[1]) : state;
}

function postType(type) {
  const n = POST_TYPES[type];
  return n ? t(n[0], n[1]) : type;
}

/**
 * What a plan line rests on, in words: its reference as the committee typed it, a wage line's post and attendance
 * (the engine writes "post 3 2026-05 20/22"), the collective's share, or the basis.
 */
export function lineBasis(line) {
  const ref = line.reference;
  const wage = ref && /^post (\d+) (\d{4}-\d{2}) (\d+)\/(\d+)$/.exec(ref);
  if (wage) return t(`岗位 ${wage[1]} · ${wage[2]} 出勤 ${wage[3]}/${wage[4]} 天`, `post ${wage[1]} · ${wage[2]} worked ${wage[3]}/${wage[4]} days`);
  if (ref && PAYEES[ref]) return t(PAYEES[ref][0], PAYEES[ref][1]);
  if (ref) return ref;
  const b = BASES[line.basis];
  return b ? t(b[0], b[1]) : (line.basis || '—');
}

/** Who a line pays: the payee's name, or the collective (or the county pool) for the retained share. */
export function linePayee(line, pool) {
  if (line.payee) return line.payee;
  const p = PAYEES[pool ? 'pool' : 'collective'];
  return t(p[0], p[1]);
}

/** An engine note in words: a post without attendance is the one note the engine writes today. */
export function noteText(note) {
  const m = /^post (\d+) \((\w+)\) has no attendance for (\S+): not paid$/.exec(note);
  if (m) return t(`岗位 ${m[1]}（${postType(m[2])}）${m[3]} 没有考勤记录：本月不发工资`, `Post ${m[1]} (${postType(m[2])}) has no attendance for ${m[3]}: not paid`);
  return note;
}
