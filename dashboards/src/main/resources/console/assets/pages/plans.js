import { t } from '../i18n.js';
import { h, unavailable } from '../dom.js';

export async function planPage(root) {
  root.replaceChildren(h('h1', {}, t('收益分配使用计划', 'Allocation plan')),
    unavailable(t('方案编辑暂不可用。', 'The plan editor is not yet available.')));
}
