// 贵州省 2021 年度城乡居民医保参保缴费（002 号通知）。
// Returns the simulation contract's result in fen (the simulator converts to yuan).
// Parameters are { value, source } objects in workflows/regions/guizhou.json; an unset one is named in
// missingParameters, or refuses with parameter_missing when the accept decision depends on it.
var NAMES = {
  poverty_registered: '建档立卡贫困人口', dibao: '低保对象', low_income_elderly: '低收入家庭老年人', low_income_minor: '低收入家庭未成年人',
  low_income_disabled: '低收入家庭重度残疾人', low_income_ill: '低收入家庭重病患者', family_planning_special: '计生特殊家庭成员',
  family_planning: '农村计生“两户”家庭成员', orphan: '孤儿', tekun: '特困供养人员', downsized_1960s: '六十年代初精减退职老职工',
  mental_disorder_offender: '肇事肇祸精神障碍患者'
};
function nameOf(code) { return NAMES[code] || code; }
var year = String(caseData.benefitYear);
var root = 'years/' + year + '/';
var missing = [];

function has(path) {
  var node = paramOr(root + path, null);
  return node !== null && !(typeof node === 'object' && 'value' in node && node.value === null);
}
function p(path) {
  var node = requireParam(root + path);
  return typeof node === 'object' && node !== null && 'value' in node ? requireParam(root + path + '/value') : node;
}
function note(path) { missing.push('guizhou/' + year + '/' + path); return null; }
function refuse(reason, message, extra) {
  var result = { accepted: false, reason: reason, message: message, amountDueFen: null, subsidy: null, evidence: [], benefitStart: null, benefitEnd: null, missingParameters: missing };
  for (var k in extra || {}) { result[k] = extra[k]; }
  return result;
}

if (!params || !params.years || !params.years[year]) {
  return refuse('year_not_configured', '贵州省未配置 ' + year + ' 年度参保参数');
}

var standard = p('personalStandardFen');
var latePrice = p('latePriceFen');
var paidOn = caseData.paidOn;
var person = caseData.person;
var inPeriod = inRange(paidOn, p('collectionStart'), p('collectionEnd'));
var inLateWindow = inRange(paidOn, addDays(p('collectionEnd'), 1), p('lateWindowEnd'));
var yearEnd = p('benefitEnd');

// 一、二：one identity, the highest, never above the personal standard.
var table = params.years[year].subsidies || {};
var evidence = [];
var best = null;
person.identities.forEach(function (identity) {
  var rule = table[identity.code];
  if (!rule) {
    evidence.push({ identity: identity.code, amountFen: 0, outcome: 'no_subsidy', why: '本地通知未列此资助身份' });
    return;
  }
  var amount = rule.kind === 'full' ? standard : Math.min(rule.amountFen, standard);
  var candidate = { identity: identity.code, amountFen: amount, mode: rule.mode, fund: rule.fund, dynamic: !!rule.dynamicEnrollment, source: rule.source };
  if (best === null || candidate.amountFen > best.amountFen) { best = candidate; }
});
person.identities.forEach(function (identity) {
  var rule = table[identity.code];
  if (!rule || !best) { return; }
  if (identity.code === best.identity) {
    evidence.push({ identity: identity.code, amountFen: best.amountFen, outcome: 'applied', why: person.identities.length > 1 ? '就高不就低，不重复享受（002 一）' : '唯一有效资助身份' });
  } else {
    var amount = rule.kind === 'full' ? standard : Math.min(rule.amountFen, standard);
    evidence.push({ identity: identity.code, amountFen: amount, outcome: 'not_applied', why: '资助额不高于' + nameOf(best.identity) + '，不重复享受（002 一）' });
  }
});
evidence.sort(function (a, b) { return (a.outcome === 'applied' ? 0 : 1) - (b.outcome === 'applied' ? 0 : 1); });

function priced(amountDue, subsidy, benefitStart, message) {
  return {
    accepted: true, reason: null, message: message, personalStandardFen: standard, amountDueFen: amountDue,
    subsidy: subsidy ? { identity: subsidy.identity, amountFen: subsidy.amountFen, mode: subsidy.mode, fund: subsidy.fund } : null,
    evidence: evidence, benefitStart: benefitStart, benefitEnd: benefitStart === null ? (missing.length ? yearEnd : null) : yearEnd,
    missingParameters: missing
  };
}
function withSubsidy(subsidy) { return subsidy ? (subsidy.mode === 'proxy_payment' ? 0 : standard - subsidy.amountFen) : standard; }
function waitStart() { return addDays(paidOn, p('waitingDaysExcluded') + 1); }

if (!inPeriod && !inLateWindow) {
  return refuse('outside_payment_window', '缴费日期 ' + paidOn + ' 不在 ' + year + ' 年度集中征缴期或零星缴费期内（002 三）', { personalStandardFen: standard });
}

if (inPeriod) {
  var born = person.birthDate > p('benefitStart') ? person.birthDate : p('benefitStart');
  return priced(withSubsidy(best), best, born, (best ? nameOf(best.identity) + (best.mode === 'proxy_payment' ? '全额资助（代缴）' : '定额资助' + fenToYuan(best.amountFen) + '元') + '，' : '') + '集中征缴期内缴费，' + born + ' 起享受待遇（002 四(一)）');
}

// 零星缴费期（04-01 .. 12-31）
var veteran = person.identities.some(function (i) { return i.code === 'veteran_discharged'; });
if (veteran) {
  if (!person.dischargedOn) { return refuse('identity_data_missing', '退役军人身份缺少退出现役日期 dischargedOn（002 四(三)3）', { personalStandardFen: standard }); }
  if (yearOf(person.dischargedOn) === caseData.benefitYear) {
    return priced(standard, null, paidOn, '军人退出现役当年动态参保，按280元缴纳，缴费之日起享受待遇（002 四(三)3）');
  }
}

if (best && best.dynamic) {
  var start = has('dynamicEnrollmentBenefitStart') ? p('dynamicEnrollmentBenefitStart') : note('dynamicEnrollmentBenefitStart');
  return priced(withSubsidy(best), best, start, nameOf(best.identity) + '全年动态参保，享受资助（002 四(三)1）');
}

var newborn = person.birthDate >= p('benefitStart');
if (newborn && daysBetween(person.birthDate, paidOn) <= p('newbornWindowDays')) {
  if (best) {
    note('newbornSubsidisedPriceRule');
    return { accepted: true, reason: null, message: '新生儿90日内参保，自出生之日起享受待遇；资助身份新生儿的定价规则未规定（002 四(三)4）', personalStandardFen: standard, amountDueFen: null, subsidy: null, evidence: evidence, benefitStart: person.birthDate, benefitEnd: yearEnd, missingParameters: missing };
  }
  return priced(standard, null, person.birthDate, '新生儿出生90日内（含90日）参保缴费，自出生之日起享受待遇（002 四(三)4）');
}

var transfer = person.employeeInsuranceEndedOn;
if (transfer && daysBetween(transfer, paidOn) >= 0 && daysBetween(transfer, paidOn) <= p('employeeTransferWindowDays')) {
  return priced(withSubsidy(null), null, paidOn, '职工医保暂停缴费90日内（含90日）转入，缴费之日起享受待遇（002 四(三)5）');
}

// Everyone else outside the period: late price, no subsidy, 60-day wait (002 三、四(二)、四(三)2).
var starts = waitStart();
if (yearOf(starts) > caseData.benefitYear) {
  if (!has('lateCoverIntoNextYearAccepted')) {
    note('lateCoverIntoNextYearAccepted');
    return refuse('parameter_missing', '缴费日+60日（不含）已进入下一年度：是否受理由参数决定，本地区未设置', { personalStandardFen: standard });
  }
  if (!p('lateCoverIntoNextYearAccepted')) {
    return refuse('not_eligible', '缴费日+60日（不含）已进入下一年度，本地区不受理（002 四(二)）', { personalStandardFen: standard });
  }
}
var why = best ? nameOf(best.identity) + '不实行动态参保，征缴期后按830元缴纳（002 四(三)2）；' : '';
evidence = evidence.map(function (e) { return e.outcome === 'applied' ? { identity: e.identity, amountFen: 0, outcome: 'not_applied', why: '征缴期后缴费不享受资助，身份认定后3个月内退还（002 四(三)2）' } : e; });
return {
  accepted: true, reason: null, message: why + '零星缴费按830元缴纳，' + starts + ' 起享受待遇（002 三、四(二)）',
  personalStandardFen: standard, amountDueFen: latePrice, subsidy: null, evidence: evidence,
  benefitStart: starts, benefitEnd: yearEnd, missingParameters: missing
};
