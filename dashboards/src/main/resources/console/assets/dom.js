import { t, errorMessage } from './i18n.js';

// A tiny element builder: h('td', {class: 'num', dataset: {label: '功率'}}, '12.5'). Text is never parsed as HTML.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** A table that turns into labelled cards on phones. columns: [{label, num?}], rows: [[cell...]]. */
export function table(caption, columns, rows, attrs) {
  return h('table', Object.assign({ class: 'cards' }, attrs || {}),
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
    h('tbody', {}, rows.map((r) => h('tr', r.attrs || {}, (r.cells || r).map((cell, i) =>
      h('td', { class: columns[i].num ? 'num' : null, dataset: { label: columns[i].label } }, cell))))));
}

export function unavailable(text) {
  return h('div', { class: 'unavailable', role: 'note' }, text);
}

/**
 * An error in the user's language: an API error by its catalogue code (never the service's English message), and
 * anything else (the network down, a script that failed to load) as a connection problem.
 */
export function errorText(e) {
  return h('p', { class: 'error', role: 'alert', dataset: { code: e && e.code ? e.code : 'network' } }, describeError(e));
}

export function describeError(e) {
  if (e && e.code) return errorMessage(e.code, e.field);
  return t('无法连接服务，请检查网络后重试。', 'Cannot reach the service; check the connection and try again.');
}

let fieldSeq = 0;
/** A labelled input (every input has a visible label tied to it). */
export function field(label, input) {
  const id = input.id || ('f' + (++fieldSeq));
  input.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), input);
}

/** Replaces an element's children, skipping null/false (replaceChildren would print them as text). */
export function fill(el, ...children) {
  el.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}
