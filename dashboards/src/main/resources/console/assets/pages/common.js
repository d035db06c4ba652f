// Names shared by the plan pages (committee, reviewers): categories and states in the user's language.
import { t } from '../i18n.js';

export const CATEGORY_NAMES = {
  WELFARE_POSTS: ['公益岗位', 'Public-welfare posts'],
  PUBLIC_WORKS: ['公益性劳务', 'Public-works labour'],
  SMALL_PROJECTS: ['小型公益事业', 'Small public-welfare projects'],
  REWARDS_SUBSIDIES: ['奖励补助', 'Rewards and subsidies'],
  COLLECTIVE_RETENTION: ['村集体留存', 'Village collective retention'],
};

export const STATE_NAMES = {
  DRAFT: ['草稿', 'Draft'],
  NOTICE: ['公示中', 'Public notice'],
  TOWNSHIP_REVIEW: ['乡镇审核', 'Township review'],
  COUNTY_APPROVAL: ['县级审批', 'County approval'],
  PAYABLE: ['可支付', 'Payable'],
  RECONCILED: ['已对账', 'Reconciled'],
};

export function categoryName(code, fallback) {
  const n = CATEGORY_NAMES[code];
  return n ? t(n[0], n[1]) : (fallback || code);
}

export function stateName(state) {
  const n = STATE_NAMES[state];
  return n ? t(n[0], n[1]) : state;
}
