// The demo's short public notice (yangguang.workflow.notice-duration) announced wherever a notice is shown, so a
// visitor never takes 2 minutes for the policy's 7 days. Nothing is shown under the real setting.
import { t } from '../i18n.js';
import * as api from '../api.js';
import { h, fill } from '../dom.js';

let setting = null;

function length(seconds) {
  if (seconds % 86400 === 0) return t(`${seconds / 86400} 天`, `${seconds / 86400} days`);
  if (seconds % 60 === 0) return t(`${seconds / 60} 分钟`, `${seconds / 60} minutes`);
  return t(`${seconds} 秒`, `${seconds} seconds`);
}

/** A box filled once the setting is known: empty unless a demo length replaces the policy's days. */
export function noticeSettingNote(plan) {
  const box = h('div', { id: 'demo-notice-setting' });
  (async () => {
    try {
      if (!setting) setting = await api.get('/api/settings/notice');
    } catch (e) {
      return;
    }
    if (!setting.demo) return;
    const ends = plan && plan.state === 'NOTICE' && plan.noticeEndsAt
      ? t('；本方案公示至 ', '; this plan\'s notice ends at ') + new Date(plan.noticeEndsAt).toLocaleTimeString(t('zh-CN', 'en-GB'), { hour12: false })
      : '';
    fill(box, h('p', { class: 'notice', role: 'note' },
      h('strong', {}, t('演示设置：', 'Demo setting: ')),
      t(`公示期 ${length(setting.seconds)}（正式使用时为政策规定的 7 天）`, `public notice of ${length(setting.seconds)} (the policy's 7 days in real use)`) + ends));
  })();
  return box;
}


