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

// ---------------------------------------------------------------------------------------------------------------
// Block: API errors (issue 14, one language per screen). Every code of the service's error catalogue
// (GET /api/catalogue, distribution's ErrorCatalogue) in Chinese and English; {field} is the field named in words.
// The service's own message is English for API clients and is never shown: ConsoleLanguageBrowserTest walks the
// catalogue and fails on a code without both texts here.
export const ERRORS = {
  bad_capacity: ['容量（kWp）必须大于零{field}。', 'The capacity (kWp) must be more than zero{field}.'],
  bad_code: ['编号格式不对{field}：只能用小写字母、数字和“-”。', 'The code is not a valid id{field}: lower-case letters, digits and \'-\'.'],
  bad_kind: ['类别不对{field}。', 'The kind is not valid{field}.'],
  bad_latitude: ['纬度须在 -90 到 90 度之间。', 'The latitude must be between -90 and 90 degrees.'],
  bad_line: ['导入文件中某行的列数不对。', 'A line of the file has the wrong number of fields.'],
  bad_link: ['设备连接须为 Modbus TCP（地址和端口）或 RTU（串口），二者选一{field}。', 'A link is Modbus TCP (host and port) or RTU (serial port), exactly one{field}.'],
  bad_longitude: ['经度须在 -180 到 180 度之间。', 'The longitude must be between -180 and 180 degrees.'],
  bad_month: ['该月份尚未开始。', 'That month has not begun yet.'],
  bad_nameplate: ['铭牌信息（厂家、型号、序列号、固件）过长或含有不可打印字符{field}。', 'A nameplate text (make, model, serial, firmware) is too long or not printable{field}.'],
  bad_poverty_share: ['扶贫收益比例须在 0 到 100% 之间，最多 6 位小数。', 'The poverty share must be 0-100 % with at most 6 decimals.'],
  bad_register_map: ['寄存器映射须为已有映射的名称（如 huawei-sun2000）{field}。', 'The register map must name a shipped map (e.g. huawei-sun2000){field}.'],
  bad_resource_zone: ['太阳能资源区只能是 I、II、III 或 IV 类。', 'The resource zone is I, II, III or IV.'],
  bad_site: ['经度和纬度须同时填写。', 'Give latitude and longitude together.'],
  bad_unit: ['Modbus 站号须在 0 到 255 之间{field}。', 'A Modbus unit id is 0-255{field}.'],
  device_exists: ['该电站已有同编号的设备。', 'The station already has a device with this code.'],
  device_not_pending: ['只有扫描上报、尚未确认的设备可以确认。', 'Only a reported, unconfirmed device can be confirmed.'],
  duplicate_unit: ['同一连接上的站号重复了{field}。', 'A unit id is listed twice on one link{field}.'],
  gateway_exists: ['该网关已经登记（一个网关只服务一个电站）。', 'The gateway is registered already (a gateway serves one station).'],
  gateway_of_other_station: ['该网关属于另一个电站{field}。', 'The gateway serves another station{field}.'],
  service_role: ['采集器、安装程序的角色只能用于服务账号，不能给个人账号。', 'Service roles (collector, installer) are for programs, not for a person\'s account.'],
  station_exists: ['已有同编号的电站。', 'A station with this code exists.'],
  unknown_device: ['该电站没有这个设备。', 'The station has no such device.'],
  unknown_gateway: ['没有登记这个网关{field}。', 'No such gateway is registered{field}.'],
  account_exists: ['该用户名已存在。', 'An account with this user name exists.'],
  already_reversed: ['这笔账已经冲正过。', 'This ledger transaction is already reversed.'],
  amount_too_large: ['金额超过允许的最大值{field}。', 'The amount is larger than the largest accepted{field}.'],
  attendance_exists: ['该岗位本月考勤已经登记。', "This post's attendance for the month is already recorded."],
  bad_amount: ['金额必须是大于零的数{field}。', 'The amount must be a positive number{field}.'],
  bad_attendance: ['出勤天数须在 0 到应出勤天数之间。', 'Days worked must be between 0 and the days required.'],
  bad_bank_account: ['银行账号应为 12–19 位数字。', 'A bank account number has 12–19 digits.'],
  bad_columns: ['列数不对。', 'The line has the wrong number of columns.'],
  bad_date: ['日期不对{field}：请用 年-月-日，且不能是将来的日期。', 'The date is not right{field}: use year-month-day, not in the future.'],
  bad_datetime: ['时间格式不对{field}。', 'The time is not in a valid format{field}.'],
  bad_header: ['第一行必须是规定的表头。', 'The first line must be the required header.'],
  bad_id: ['电站或设备编号不对。', 'The station or device id is not valid.'],
  bad_id_number: ['身份证号不对：应为 18 位且校验位正确。', 'The resident ID number is not valid (18 characters, check digit).'],
  bad_json: ['提交的内容格式不对{field}，请刷新页面后重试。', 'What was sent is not in the expected form{field}; reload the page and try again.'],
  bad_number: ['数字不对{field}：不能为负，小数位不能过多。', 'The number is not valid{field}: not negative, not too many decimals.'],
  bad_percent: ['百分比须在 0 到 100 之间{field}。', 'A percent must be between 0 and 100{field}.'],
  bad_period: ['期间不对{field}：请用 年-月，结束不能早于开始。', 'The period is not valid{field}: use year-month, the end not before the start.'],
  bad_policy: ['分配政策文件有误{field}。', 'The allocation policy is not valid{field}.'],
  bad_query: ['采集器拒绝了这次查询，请检查日期和电站。', 'The collector refused the query; check the dates and the station.'],
  bad_reference: ['凭证号缺失或含有不允许的字符。', 'The reference is missing or has characters it cannot have.'],
  bad_registration_no: ['户编号格式不对（4–64 位字母、数字或“-”）。', 'The registration number has the wrong form (4–64 letters, digits or "-").'],
  bad_request: ['请求无法识别，请刷新页面后重试。', 'The request is not understood; reload the page and try again.'],
  bad_result: ['结果只能是 PAID（已付）、FAILED（失败）或 RETURNED（退回）。', 'The result must be PAID, FAILED or RETURNED.'],
  bad_scope: ['方案范围只能是本村或县级统筹。', 'The plan scope must be a village or the county pool.'],
  bad_statement_no: ['结算单号含有不允许的字符。', 'The statement number has characters it cannot have.'],
  bad_term: ['岗位任期缺失，或结束早于开始。', "The post's term is missing or ends before it starts."],
  bad_text: ['文字过长，或含有逗号、换行{field}。', 'The text is too long or has commas or line breaks{field}.'],
  bad_username: ['用户名只能用 3–64 位小写字母、数字和 . _ -。', 'A user name is 3–64 of a-z 0-9 . _ -.'],
  bad_value: ['填写的值不对{field}。', 'The value is not valid{field}.'],
  bad_wage: ['月工资必须大于零。', 'The monthly wage must be more than zero.'],
  bad_whole: ['按份数填写份额时，总份数必须是正整数。', 'Shares in parts need a positive whole number of parts.'],
  balance_changed: ['方案编制后可分配金额有变化，请重新保存草稿。', 'The money available changed since the plan was drafted; save the draft again.'],
  batch_not_settled: ['该批次还没有导入银行回单。', 'The batch has no bank results yet.'],
  budget_exceeded: ['该分类的明细金额超过了预算。', "The category's lines need more than its budget."],
  categories_exceed_100: ['各分类比例合计超过 100%。', 'The category percents add up to more than 100%.'],
  collector_unavailable: ['实时数据暂时取不到（采集器未响应），请稍后再试。', 'Live data is unavailable (the collector does not answer); try again later.'],
  duplicate_category: ['同一分类填了两次。', 'A category appears twice.'],
  duplicate_in_file: ['同一结算单在文件中出现两次。', 'The statement appears twice in the file.'],
  duty_conflict: ['方案编制人不能审批自己编制的方案。', 'Whoever drafted a plan cannot approve it.'],
  earlier_plan_open: ['上个月的方案还没有办结。', "An earlier month's plan is not finished yet."],
  energy_unavailable: ['该期间的发电量暂时无法确定，请稍后再试。', 'The energy of the period cannot be determined yet; try again later.'],
  flat_per_head_split: ['不得平均发钱：没有岗位、劳务或审核依据的等额分配被禁止。', 'No flat per-head split: equal amounts with no post, labour or review are forbidden.'],
  forbidden: ['您的角色或管辖范围不能进行此操作。', 'Your role or area does not allow this.'],
  forbidden_category: ['政策禁止把收益用于该分类。', 'The policy forbids spending on this category.'],
  holder_cannot_work: ['公益岗位人员必须有劳动能力。', "A welfare post's holder must be able to work."],
  holder_outside_village: ['该人员户籍不在本村。', 'The holder is registered in another village.'],
  household_exists: ['该户已经登记。', 'The household is already registered.'],
  household_twice: ['同一分类中一户只能出现一次。', 'A household appears more than once in a category.'],
  import_rejected: ['文件中有错误的行，整个文件未导入。', 'Some lines of the file are wrong; nothing was imported.'],
  internal_error: ['系统内部出错，请联系管理员（服务日志中有详情）。', 'An internal error; please tell the administrator (the service log has the details).'],
  invalid_transition: ['方案当前的状态不能进行此操作。', 'The plan cannot make this move from its state.'],
  later_plan_exists: ['已经有以后月份的方案。', "A later month's plan already exists."],
  legacy_entry: ['这是启用复式记账前的旧账，按原样保留。', 'The entry predates double entry and is kept as it is.'],
  line_without_category: ['明细所属分类在方案中没有比例。', 'A line is for a category the plan gives no share.'],
  login_failed: ['用户名或密码不对，请重试。', 'Wrong user name or password. Please try again.'],
  method_not_allowed: ['此地址不支持该操作。', 'This address does not take this method.'],
  missing_body: ['没有提交内容，请填写后再提交。', 'Nothing was sent; fill in the form and submit again.'],
  missing_field: ['请填写必填项{field}。', 'A required value is missing{field}.'],
  missing_reason: ['每次修改都要写明原因（记录谁、何时、为什么）。', 'Every change needs a reason (who, when and why are recorded).'],
  negative_amount: ['可分配金额为负。', 'The amount to allocate is negative.'],
  no_policy: ['该年度还没有分配政策。', 'There is no allocation policy for the year.'],
  no_tariff: ['该电站在这一天没有适用的电价。', 'There is no tariff for the station on that day.'],
  no_township: ['该异议没有指明农户，无法由乡镇确认。', 'The objection names no household, so no township can sign it off.'],
  not_acceptable: ['无法以所需格式提供。', 'The service cannot answer in the asked format.'],
  not_eligible: ['该户的帮扶状态不符合此分类的条件。', "The household's status does not qualify for this category."],
  not_found: ['没有找到。', 'Not found.'],
  not_in_notice: ['方案不在公示期内。', 'The plan is not in its public notice.'],
  not_published: ['方案还是草稿，没有公示。', 'The plan is a draft and has no public notice.'],
  not_reversible: ['这类账目不能手工冲正。', 'This transaction is not reversed by hand.'],
  nothing_to_pay: ['没有已批准、待支付的明细。', 'No approved, unpaid plan line is ready to pay.'],
  nothing_to_sign_off: ['该异议没有待确认的处理意见。', 'The objection has no proposed resolution to sign off.'],
  notice_font_missing: ['服务器缺少中文字体，无法生成公示 PDF，请联系管理员。', 'The server lacks the Chinese font for the notice PDF; tell the administrator.'],
  notice_running: ['公示期未满，期满后才能提交乡镇审核。', 'The public notice is still running; submit to the township when it ends.'],
  number_too_large: ['数字超过允许的最大值{field}。', 'The number is larger than the largest accepted{field}.'],
  objection_resolved: ['该异议已经处理完毕。', 'The objection is already resolved.'],
  open_objections: ['还有未经乡镇确认处理的异议。', "Objections are not yet resolved with the township's sign-off."],
  outside_term: ['该月份不在岗位任期内。', "The month is outside the post's term."],
  paid_share_violation: ['按明细实际支付的金额算，方案不符合本县分配政策（例如公益岗位和公益性劳务须占实付金额的 80% 以上）；填写的比例不算数，请调整明细。',
    "By what the lines actually pay, the plan breaks the county policy (e.g. posts and public works must be at least 80% of what is paid); the percents typed do not count: adjust the lines."],
  payload_too_large: ['提交的内容太大。', 'What was sent is too large.'],
  payment_not_paid: ['该笔支付尚未完成。', 'The payment line is not paid.'],
  period_already_used: ['已经结算过的期间不能改动份额。', 'Shares cannot change for a period already used.'],
  person_exists: ['该成员已登记在某一户中。', 'A member is already registered in a household.'],
  person_has_account: ['此人已经有账号。', 'This person already has an account.'],
  plan_not_draft: ['本月方案已不是草稿，不能再修改。', "The month's plan is not a draft any more."],
  policy_violation: ['方案不符合本县分配政策。', 'The plan breaks a rule of the county policy.'],
  project_accepted: ['该项目已经验收。', 'The project is already accepted.'],
  project_budget_exceeded: ['项目金额超过了项目预算。', "The project's lines exceed its budget."],
  project_pays_household: ['项目资金只能付给项目收款单位，不能付给农户。', "Project money goes to the project's payee, never to a household."],
  reason_too_long: ['原因写得太长了。', 'The reason is too long.'],
  receipt_conflict: ['该到账记录以前登记过，内容不同。', 'The receipt was recorded before with other values.'],
  reconcile_mismatch: ['专户扣款金额与批次支付金额不符。', 'The account debit differs from what the batch paid.'],
  result_conflict: ['该笔支付的当前状态不能变为此结果。', 'The payment line cannot take this result from its state.'],
  retained_has_no_lines: ['村集体留存不设明细。', 'The collective retention takes no lines.'],
  reversal_of_reversal: ['冲正记录不能再冲正。', 'A reversal cannot be reversed.'],
  share_duplicate_village: ['同一村在份额表中出现两次。', 'A village appears twice in the share set.'],
  share_negative: ['份额不能为负。', 'A share cannot be negative.'],
  share_precision: ['份额小数位过多。', 'A share has too many decimals.'],
  share_set_exists: ['该电站从这一天起已有份额表。', 'The station already has a share set from that day.'],
  share_total_exceeds_100: ['份额合计超过 100%。', 'The shares add up to more than 100%.'],
  shares_not_applicable: ['集中式电站的收益由县级统筹，不按村分份额。', "A centralized station's revenue is pooled, not split by shares."],
  statement_conflict: ['该结算单以前导入过，内容不同；更正请先作废原单。', 'The statement was imported before with other values.'],
  status_out_of_order: ['状态变更日期早于最近一次变更。', 'The status change is dated before the latest one.'],
  status_unchanged: ['该户已经是这个状态。', 'The household already has this status.'],
  too_many_login_attempts: ['登录失败次数过多，请稍后再试。', 'Too many failed logins; please wait and try again.'],
  too_many_objections: ['该户今天提出的异议过多，请明天再试。', 'Too many objections from this household today.'],
  too_many_requests: ['操作过于频繁，请稍后再试。', 'Too many requests; please wait and try again.'],
  two_paid_posts: ['该人员在此任期内已有一个有报酬的岗位。', 'The holder already has a paid post in that term.'],
  unauthenticated: ['请先登录。', 'Please log in first.'],
  unknown_alarm: ['该告警已不在活动告警中。', 'This alarm is no longer active.'],
  unknown_batch: ['没有这个支付批次。', 'No such payment batch.'],
  unknown_category: ['政策中没有这个分类。', 'No such category in the policy.'],
  unknown_county: ['没有这个县。', 'No such county.'],
  unknown_entry: ['没有这条账目。', 'No such ledger entry.'],
  unknown_household: ['没有这一户{field}。', 'No such household{field}.'],
  unknown_line: ['批次中没有这一笔。', 'No such line in the batch.'],
  unknown_objection: ['没有这条异议。', 'No such objection.'],
  unknown_person: ['没有这个家庭成员。', 'No such household member.'],
  unknown_plan: ['没有这个方案。', 'No such plan.'],
  unknown_post: ['没有这个公益岗位。', 'No such welfare post.'],
  unknown_project: ['没有这个项目{field}。', 'No such project{field}.'],
  unknown_statement: ['没有这张结算单。', 'No such settlement statement.'],
  unknown_station: ['没有这个电站。', 'No such station.'],
  unknown_township: ['没有这个乡镇。', 'No such township.'],
  unknown_transition: ['没有这个操作。', 'No such plan move.'],
  unknown_village: ['没有这个村。', 'No such village.'],
  unpaid_lines: ['方案还有未支付的明细。', 'The plan still has unpaid lines.'],
  unsupported_media_type: ['提交的内容类型不对。', 'What was sent has a type this address does not take.'],
  village_station_single_owner: ['村级电站只属于一个村。', 'A village station belongs to exactly one village.'],
  wage_line_typed: ['岗位工资按岗位和考勤自动生成，不能手填（先劳后酬）。', 'Wage lines come from posts and attendance only, never typed.'],
  weak_password: ['密码太短。', 'The password is too short.'],
};

// Request fields named in words: `lines[2].fixedFen` reads 第 3 条明细·金额. A field not listed is left out.
export const FIELDS = {
  reason: ['原因', 'reason'], period: ['月份', 'period'], amountFen: ['金额', 'amount'], fixedFen: ['金额', 'amount'],
  key: ['告警', 'alarm'], username: ['用户名', 'user name'], password: ['密码', 'password'], text: ['内容', 'text'],
  raisedBy: ['提出人', 'raised by'], registrationNo: ['户编号', 'registration number'], transition: ['操作', 'action'],
  lines: ['明细', 'lines'], categories: ['分类', 'categories'], category: ['分类', 'category'], percent: ['比例', 'percent'],
  file: ['文件', 'file'], csv: ['文件内容', 'file content'], resolution: ['处理意见', 'resolution'], note: ['意见', 'note'],
  accountDebitFen: ['专户扣款金额', 'account debit'], statementRef: ['对账单号', 'statement reference'],
  receivedOn: ['到账日期', 'received on'], reference: ['凭证号', 'reference'], project: ['项目', 'project'],
  weight: ['权重', 'weight'], basis: ['依据', 'basis'], id: ['编号', 'id'], batchId: ['批次号', 'batch number'],
  energyFrom: ['所付电量起', 'energy from'], energyTo: ['所付电量止', 'energy to'], kind: ['类别', 'kind'],
  from: ['开始日期', 'from'], to: ['结束日期', 'to'], date: ['日期', 'date'], station: ['电站', 'station'],
};

export function fieldName(field) {
  if (!field) return null;
  const m = /^(\w+)\[(\d+)\](?:\.(\w+))?$/.exec(field);
  if (m) {
    // one of a list: "lines[2]" is the third line (in English "line 3": the list's name in the singular)
    const line = t(`第 ${Number(m[2]) + 1} 条${FIELDS[m[1]] ? FIELDS[m[1]][0] : '明细'}`, `${FIELDS[m[1]] ? FIELDS[m[1]][1].replace(/s$/, '') : 'item'} ${Number(m[2]) + 1}`);
    const part = m[3] && FIELDS[m[3]];
    return part ? line + t('·', ', ') + t(part[0], part[1]) : line;
  }
  const f = FIELDS[field] || FIELDS[field.split('.').pop()];
  return f ? t(f[0], f[1]) : null;
}

/** The user's words for an API error {code, field}: never the service's English message. */
export function errorMessage(code, field) {
  const e = ERRORS[code];
  const name = fieldName(field);
  if (!e) {
    return t(`操作未成功（代码 ${code || '—'}），请联系管理员。`, `The request failed (code ${code || '—'}); please tell the administrator.`);
  }
  return t(e[0], e[1]).replace('{field}', name ? t(`（${name}）`, ` (${name})`) : '');
}

// ---------------------------------------------------------------------------------------------------------------
// Block: alarm details (the collector's AlarmDetail codes with their parameters; its English sentence is for logs).
export const ALARM_DETAILS = {
  fault_code: [(p) => `故障代码 ${p.code}` + (p.name ? `（厂家描述：${p.name}）` : ''), (p) => `Fault code ${p.code}` + (p.name ? ` (${p.name})` : '')],
  fault_cleared: [() => '故障代码已恢复为 0', () => 'Fault code back to 0'],
  event_flags: [(p) => `厂家事件标志 ${p.flags}`, (p) => `Vendor event flags ${p.flags}`],
  events_cleared: [() => '厂家事件标志已清除', () => 'No event flags set'],
  no_output_in_sun: [(p) => `太阳高度角 ${p.elevation}° 时交流输出为零`, (p) => `No AC output with the sun ${p.elevation}° above the horizon`],
  producing_again: [() => '已恢复发电', () => 'Producing again'],
  peer_ratio: [(p) => `单位千瓦出力仅为同站其他逆变器中位数的 ${p.percent}%`, (p) => `${p.percent}% of its peers' median output per kWp`],
  back_in_line: [() => '出力已与同站其他逆变器一致', () => 'Back in line with its peers'],
  gateway_last_will: [(p) => `网关 ${p.gateway} 的 MQTT 连接断开，设备未被读取`, (p) => `Gateway ${p.gateway} lost its MQTT connection; its devices are not being read`],
  gateway_online: [() => '网关已重新上线', () => 'Gateway online'],
  no_data: [(p) => `已 ${p.seconds} 秒没有数据；最后一次读数 ${dateTime(Number(p.last))}`, (p) => `No data for ${p.seconds} s; last reading ${dateTime(Number(p.last))}`],
  reporting_again: [() => '已恢复上报', () => 'Reporting again'],
  readings_missing: [(p) => `网关 ${p.gateway} 有读数丢失，已超过补传时限`, (p) => `Readings of gateway ${p.gateway} are missing past the replay window`],
  readings_accounted: [(p) => `网关 ${p.gateway} 的读数已全部入库`, (p) => `Every reading of gateway ${p.gateway} is stored`],
};

/** An alarm's detail in the user's language; an event stored before codes existed keeps its sentence. */
export function alarmDetail(alarm) {
  const d = ALARM_DETAILS[alarm.detail_code];
  if (!d) return alarm.detail_code ? t('（无说明）', '(no detail)') : (alarm.detail || '');
  return t(d[0](alarm.params || {}), d[1](alarm.params || {}));
}

// ---------------------------------------------------------------------------------------------------------------
// Block: policy rules, forbidden uses, categories, plan states, line bases, payees and family relations.
export const RULES = {
  CADRE_SALARY: ['村干部工资和补贴不得从光伏收益中列支（内蒙古 2022 年管理办法）', 'Village-committee wages and allowances may not be paid from PV revenue (Inner Mongolia 2022 measures)'],
  OFFICE_COSTS: ['不得用于办公经费、车辆和通讯设备（内蒙古 2022 年管理办法）', 'No office costs, vehicles or telecom equipment (Inner Mongolia 2022 measures)'],
  DEBT_REPAYMENT: ['收益不得用于偿还债务或抵押担保（永政办发〔2020〕13号）', 'Revenue may not repay debts or be pledged (永政办发〔2020〕13号)'],
  'WELFARE_POSTS+PUBLIC_WORKS': ['国开办司发〔2020〕3号：收益的 80% 以上用于公益岗位工资和公益性劳务', '国开办司发〔2020〕3号: at least 80% of revenue to post wages and public-works labour'],
  FLAT_PER_HEAD: ['山西 2020：不得泛福利化、一发了之；河北：不得简单发钱养懒汉', 'Shanxi 2020: no welfare for all, no handing out and forgetting; Hebei: no plain cash hand-outs'],
};

/** A rule by its code; the policy's own text only for a rule this console does not know. */
export function ruleText(code, fallback) {
  const r = RULES[code];
  return r ? t(r[0], r[1]) : (fallback || code);
}

export const CATEGORIES = {
  WELFARE_POSTS: ['公益岗位', 'Public-welfare posts'],
  PUBLIC_WORKS: ['公益性劳务', 'Public-works labour'],
  SMALL_PROJECTS: ['小型公益事业', 'Small public-welfare projects'],
  REWARDS_SUBSIDIES: ['奖励补助', 'Rewards and subsidies'],
  COLLECTIVE_RETENTION: ['村集体留存', 'Village collective retention'],
  COOPERATIVE_FIRST: ['合作社一次分配', 'Cooperative first distribution'],
  CADRE_SALARY: ['村干部工资补贴', 'Cadre salaries'],
  OFFICE_COSTS: ['办公经费', 'Office costs'],
  DEBT_REPAYMENT: ['偿还债务', 'Debt repayment'],
};

export const PLAN_STATES = {
  DRAFT: ['草稿', 'Draft'],
  NOTICE: ['公示中', 'Public notice'],
  TOWNSHIP_REVIEW: ['乡镇审核', 'Township review'],
  COUNTY_APPROVAL: ['县级审批', 'County approval'],
  PAYABLE: ['已批准待支付', 'Approved, to pay'],
  RECONCILED: ['已对账', 'Reconciled'],
};

export const BASES = {
  POST: ['公益岗位考勤', 'Post attendance'],
  LABOUR: ['劳务', 'Labour'],
  REVIEWED_APPLICATION: ['审核申请', 'Reviewed application'],
  NONE: ['—', '—'],
};

// who a plan line pays when it is no one's household: the engine writes `collective` for the retained share
export const PAYEES = { collective: ['村集体', 'Village collective'], pool: ['县级统筹', 'County pool'] };

export const RELATIONS = {
  HEAD: ['户主', 'Head of household'], SPOUSE: ['配偶', 'Spouse'], CHILD: ['子女', 'Child'], PARENT: ['父母', 'Parent'],
  GRANDCHILD: ['孙子女', 'Grandchild'], SIBLING: ['兄弟姐妹', 'Sibling'], MEMBER: ['家庭成员', 'Household member'],
  OTHER: ['其他', 'Other'],
};

/** A name from one of the blocks above; a value no block knows is shown as it is (a name typed by a person). */
export function named(block, code) {
  const n = block[code];
  return n ? t(n[0], n[1]) : code;
}

export const POST_TYPES = {
  CLEANER: ['保洁员', 'Cleaner'], ROAD_KEEPER: ['护路员', 'Road keeper'], WATER_KEEPER: ['管水员', 'Water keeper'],
  FOREST_FIRE_WATCH: ['护林防火员', 'Forest-fire watch'], SAFETY_PATROL: ['治安巡逻员', 'Safety patrol'],
  CARER: ['护理员', 'Carer'], STATION_KEEPER: ['电站看护员', 'Station keeper'],
};
