// 一码清: the page a household opens from its QR code. Public by design (the token in the code is the key).
import { t } from '../i18n.js';
import { h, unavailable } from '../dom.js';

async function householdPage(root, ctx, params) {
  document.body.classList.add('household');
  root.replaceChildren(h('h1', {}, t('我家的收益', 'Our household payments')),
    unavailable(t('农户查询暂不可用：服务端还没有按二维码查询农户收益的接口。',
      'Not yet available: the service has no look-up of a household’s payments by QR code yet.')));
  return () => document.body.classList.remove('household');
}

export const householdPages = [
  { path: '/h/:token', public: true, roles: [], title: () => t('我家的收益', 'Our payments'), render: householdPage },
];
