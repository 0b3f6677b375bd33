// 退费政策（各地区共用，参数驱动）。The refund workflow first prices the refunded payment with the
// enrollment policy (variable `charged`: what the person was charged on paidOn, the subsidy applied and
// their benefit start), then runs this script. Parameters: years/<benefitYear>/refund —
// reasonsBeforeBenefitStart (reasons refunded before the benefit period starts), amount ("paid": what
// the person actually paid), subsidyAfterRecognition (a subsidy recognised after full payment is paid
// back), reviewDepartment / refundDepartment. A region without refund rules refunds nothing.
var region = params && params.code ? params.code : caseData.region;
var year = String(caseData.benefitYear);
var cfg = params && params.years ? params.years[year] : null;
var charged = variables.charged || null;
var missing = charged && charged.missingParameters ? charged.missingParameters.slice() : [];
var REASONS = { death: '死亡', duplicate_payment: '重复缴费', employee_insurance: '参加职工医保', other_region: '在其他统筹区参加居民医保', subsidy_after_recognition: '缴费后认定资助身份' };

function isWrapped(node) { return node !== null && typeof node === 'object' && !Array.isArray(node) && 'value' in node; }
function opt(node) { return node === undefined || node === null ? null : isWrapped(node) ? node.value : node; }
function src(node) { return node && node.source ? '（' + node.source + '）' : ''; }
function answer(fields) {
  var r = { accepted: false, reason: null, message: null, personalStandardFen: charged ? charged.personalStandardFen : null, amountDueFen: null, subsidy: null,
    evidence: charged && charged.evidence ? charged.evidence : [], benefitStart: null, benefitEnd: null, refundAmountFen: null, refundBy: null, missingParameters: missing };
  for (var k in fields) { r[k] = fields[k]; }
  return r;
}

function evaluate() {
  if (!cfg) { return answer({ reason: 'year_not_configured', message: (params && params.name ? params.name : region) + '未配置 ' + year + ' 参保年度的参数' }); }
  var rules = cfg.refund || null;
  var reason = caseData.refundReason;
  var reasonName = REASONS[reason] || reason;
  if (!reason) { return answer({ reason: 'not_eligible', message: '退费申请未写明退费原因 refundReason' }); }
  if (rules === null) {
    return answer({ reason: 'refund_reason_not_allowed', message: (params.name || region) + '的参保通知未规定退费情形，“' + reasonName + '”不予退费' + (cfg.noRefundWhy ? '：' + cfg.noRefundWhy : '') });
  }
  if (!charged || charged.accepted !== true) {
    return answer({ reason: 'not_eligible', message: '被退费的缴费本身不符合 ' + year + ' 参保年度的缴费规定：' + (charged ? charged.message : '未计算') });
  }

  if (reason === 'subsidy_after_recognition') {
    if (opt(rules.subsidyAfterRecognition) !== true) {
      return answer({ reason: 'refund_reason_not_allowed', message: '本地区通知未规定缴费后认定身份的资助补发' });
    }
    var s = charged.subsidy;
    if ((!s || (s.mode === 'pay_back_later' && s.amountFen === null)) && missing.length > 0) {
      return answer({ reason: 'parameter_missing', message: '补发资助取决于本地区未设置的参数：' + missing.join('、') });
    }
    if (!s || s.mode !== 'pay_back_later' || s.amountFen === null) {
      return answer({ reason: 'not_eligible', message: '没有缴费后认定、应补发资助的身份' + (s ? '（' + s.identity + '：' + s.mode + '）' : '') });
    }
    var days = rules.payBackDeadline || null;
    var recognized = (caseData.person.identities.filter(function (i) { return i.code === s.identity; })[0] || {}).recognizedOn || null;
    var deadline = days && recognized ? (days.rule === 'end_of_next_month' ? lastOfMonth(addMonths(recognized, 1)) : days.rule === 'months_after_recognition' ? addMonths(recognized, days.months) : null) : null;
    return answer({ accepted: true, message: '身份认定前已全额缴费：补发' + s.identity + '资助' + fenToYuan(s.amountFen) + '元' + src(rules.subsidyAfterRecognition) + (deadline ? '，应于 ' + deadline + ' 前发放' : ''),
      subsidy: s, refundAmountFen: s.amountFen, refundBy: s.payer || rules.reviewDepartment || 'medical_insurance_agency', refundDeadline: deadline, benefitStart: charged.benefitStart, benefitEnd: charged.benefitEnd });
  }

  var allowed = opt(rules.reasonsBeforeBenefitStart) || [];
  if (allowed.indexOf(reason) < 0) {
    return answer({ reason: 'refund_reason_not_allowed', message: '“' + reasonName + '”不在本地区可退费情形内' + src(rules.reasonsBeforeBenefitStart) });
  }
  if (!caseData.requestedOn) { return answer({ reason: 'not_eligible', message: '退费申请缺少申请日期 requestedOn' }); }
  var start = charged.benefitStart || opt(cfg.benefitStart);
  if (compareDates(caseData.requestedOn, start) >= 0) {
    return answer({ reason: 'benefit_period_started', message: caseData.requestedOn + ' 申请时待遇享受期已于 ' + start + ' 开始：' + (rules.benefitStartedWhy || '个人缴费不再退回') });
  }
  var amount = caseData.paidAmount !== null && caseData.paidAmount !== undefined ? yuanToFen(String(caseData.paidAmount)) : charged.amountDueFen;
  return answer({ accepted: true, message: '待遇享受期（' + start + '）前因' + reasonName + '申请退费：终止参保关系，退还个人缴费' + (amount === null ? '（金额取决于未设置的参数）' : fenToYuan(amount) + '元') + src(rules.reasonsBeforeBenefitStart),
    subsidy: charged.subsidy, refundAmountFen: amount, refundBy: rules.refundDepartment || 'tax' });
}
return evaluate();
