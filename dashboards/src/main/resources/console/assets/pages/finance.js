import { t } from '../i18n.js';
import { h, unavailable } from '../dom.js';

async function financePage(root) {
  root.replaceChildren(h('h1', {}, t('财务', 'Finance')),
    unavailable(t('财务页面暂不可用。', 'The finance page is not yet available.')));
}

export const financePages = [
  { path: '/finance', menu: true, roles: ['FINANCE', 'ADMIN', 'AUDITOR'], title: () => t('财务', 'Finance'), render: financePage },
];
