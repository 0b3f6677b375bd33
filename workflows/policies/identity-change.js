// 身份变更（各地区共用，参数驱动）：部门报送的增减名单 → 每行的校验、生效年度、应缴（代缴）金额与
// 应补发金额，以及报送 / 确认期限。Input (caseData = the workflow input):
//   { region, benefitYear, department, submittedOn, changes: [{ idNumber, name, identity, change: "add" | "remove",
//     recognizedOn, paidInFull }] }
// Parameters: years/<benefitYear>/identityChange (submittedBy, listDeadline, confirmDeadline, effectiveFrom,
// paidInFullPayBack, refundOnChange), subsidies, personalStandardFen, recognitionCutoff.
var region = params && params.code ? params.code : caseData.region;
var year = String(caseData.benefitYear);
var cfg = params && params.years ? params.years[year] : null;
var missing = [];
function isWrapped(node) { return node !== null && typeof node === 'object' && !Array.isArray(node) && 'value' in node; }
function opt(node) { return node === undefined || node === null ? null : isWrapped(node) ? node.value : node; }
function note(path) { var full = region + '/' + year + '/' + path; if (missing.indexOf(full) < 0) { missing.push(full); } return null; }
function val(node, path) { var v = opt(node); return v === null ? note(path) : v; }

// Working days counted Monday to Friday; the holiday calendar is a parameter (workingDayCalendar: dates off,
// and makeUpWorkdays: weekend dates worked). Unset → the deadline still counts weekdays and names it.
function addWorkingDays(from, n) {
  var calendar = opt(cfg.workingDayCalendar);
  if (calendar === null) { note('workingDayCalendar'); calendar = { holidays: [], makeUpWorkdays: [] }; }
  var d = from;
  var counted = 0;
  while (counted < n) {
    d = addDays(d, 1);
    var weekday = new Date(d + 'T00:00:00Z').getUTCDay();
    var working = (weekday !== 0 && weekday !== 6 && calendar.holidays.indexOf(d) < 0) || calendar.makeUpWorkdays.indexOf(d) >= 0;
    if (working) { counted++; }
  }
  return d;
}
function deadline(rule, anchor, path) {
  if (!rule) { return null; }
  var kind = val(rule, path);
  if (kind === null || !anchor) { return null; }
  if (kind === 'working_days_after_recognition') { return addWorkingDays(anchor, rule.days); }
  if (kind === 'day_of_month') { var d = firstOfNextMonth(anchor); return addDays(d, rule.day - 1); }
  if (kind === 'day_of_this_month') { return addDays(firstOfMonth(anchor), rule.day - 1); }
  if (/^\d{4}-\d{2}-\d{2}$/.test(kind)) { return kind; }
  return null;
}

function plan() {
  if (!cfg) { return { accepted: false, reason: 'year_not_configured', message: region + '未配置 ' + year + ' 年度参数', rows: [], missingParameters: missing }; }
  var rules = cfg.identityChange || {};
  var submittedBy = rules.submittedBy || [];
  if (submittedBy.length > 0 && submittedBy.indexOf(caseData.department) < 0) {
    return { accepted: false, reason: 'not_eligible', message: '部门 ' + caseData.department + ' 不负责认定资助身份（本地区由 ' + submittedBy.join('、') + ' 报送）', rows: [], missingParameters: missing };
  }
  var standard = val(cfg.personalStandardFen, 'personalStandardFen');
  var cutoff = opt(cfg.recognitionCutoff);
  var nextYear = opt(rules.effectiveFrom) === 'next_year';
  var rows = (caseData.changes || []).map(function (change, index) {
    var row = { index: index + 1, idNumber: change.idNumber, name: change.name, identity: change.identity, change: change.change, recognizedOn: change.recognizedOn || null,
      town: change.town || null, village: change.village || null,
      valid: true, problem: null, effectiveYear: null, subsidyFen: null, payableFen: null, payBackFen: null, payer: null, listDeadline: null };
    if (!idNumber.isValid(String(change.idNumber || ''))) { row.valid = false; row.problem = '身份证号码校验位错误或格式不符'; return row; }
    if (!change.recognizedOn || !isDate(change.recognizedOn)) { row.valid = false; row.problem = '缺少认定日期或日期无效'; return row; }
    if (change.change !== 'add' && change.change !== 'remove') { row.valid = false; row.problem = '增减类型应为 add 或 remove'; return row; }
    var entry = (cfg.subsidies || {})[change.identity];
    if (!entry) { row.valid = false; row.problem = '本地区通知未列此资助身份：' + change.identity; return row; }
    var rule = Array.isArray(entry) ? entry[entry.length - 1] : entry;
    row.effectiveYear = cutoff && compareDates(change.recognizedOn, cutoff) > 0 && nextYear ? caseData.benefitYear + 1 : caseData.benefitYear;
    row.listDeadline = deadline(rules.listDeadline, change.recognizedOn, 'identityChange/listDeadline');
    if (change.change === 'remove') {
      row.effect = '自变更次月起取消身份标识';
      row.effectiveFrom = firstOfNextMonth(change.recognizedOn);
      return row;
    }
    var kind = opt(rule.kind);
    var path = 'subsidies/' + change.identity;
    if (kind === null) { note(path + '/kind'); }
    row.subsidyFen = kind === 'full' ? standard : kind === 'percent' ? percentOfFen(standard, rule.percentBp) : kind === null ? null : val(rule.amountFen, path + '/amountFen');
    row.payer = opt(typeof rule.payer === 'object' && rule.payer !== null && kind && rule.payer[kind] ? rule.payer[kind] : rule.payer) || 'medical_insurance_agency';
    if (row.effectiveYear !== caseData.benefitYear) {
      row.effect = '于 ' + change.recognizedOn + ' 认定，纳入 ' + row.effectiveYear + ' 年度资助范围';
    } else if (change.paidInFull) {
      row.payBackFen = opt(rules.paidInFullPayBack) === true ? row.subsidyFen : null;
      row.effect = '认定前已全额缴费：补发资助';
    } else {
      row.payableFen = kind === 'full' ? 0 : row.subsidyFen === null || standard === null ? null : standard - row.subsidyFen;
      row.effect = kind === 'full' ? '全额资助，列入代缴名单' : '标识资助身份，个人按减免后金额缴费';
    }
    return row;
  });
  var valid = rows.filter(function (r) { return r.valid; });
  var submitted = caseData.submittedOn || today();
  return {
    accepted: valid.length > 0, reason: valid.length > 0 ? null : 'not_eligible',
    message: '共 ' + rows.length + ' 行，有效 ' + valid.length + ' 行' + (rows.length > valid.length ? '，退回 ' + (rows.length - valid.length) + ' 行' : ''),
    rows: rows,
    payable: valid.filter(function (r) { return r.payableFen !== null && r.change === 'add' && r.effectiveYear === caseData.benefitYear && !r.payBackFen; }),
    payBack: valid.filter(function (r) { return r.payBackFen !== null && r.payBackFen > 0; }),
    confirmDeadline: deadline(rules.confirmDeadline, submitted, 'identityChange/confirmDeadline'),
    refundOnChange: opt(rules.refundOnChange),
    missingParameters: missing
  };
}
return plan();
