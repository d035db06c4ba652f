import { t } from '../i18n.js';
import { h, unavailable } from '../dom.js';

async function reviewPage(root) {
  root.replaceChildren(h('h1', {}, t('待审方案', 'Plans to review')),
    unavailable(t('审核页面暂不可用。', 'The review page is not yet available.')));
}

export const reviewPages = [
  { path: '/review', menu: true, roles: ['TOWNSHIP_REVIEWER', 'COUNTY_APPROVER', 'ADMIN'], title: () => t('审核', 'Review'), render: reviewPage },
];
