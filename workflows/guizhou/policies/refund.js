// 贵州省 2021 年度退费（002 号通知 四(三)2）：身份认定前已全额缴费的，认定后3个月内由医保部门退还
// 应由政府资助的部分。通知未规定其他退费情形：其他退费原因不在本地区退费规则内。
var year = String(caseData.benefitYear);
var NAMES = { dibao: '低保对象', low_income_elderly: '低收入家庭老年人', low_income_minor: '低收入家庭未成年人', low_income_disabled: '低收入家庭重度残疾人', low_income_ill: '低收入家庭重病患者' };
function refuse(reason, message) {
  return { accepted: false, reason: reason, message: message, refundAmountFen: null, evidence: [], benefitStart: null, benefitEnd: null, missingParameters: [] };
}
if (!params || !params.years || !params.years[year]) {
  return refuse('year_not_configured', '贵州省未配置 ' + year + ' 年度参数');
}
var settings = params.years[year];
var standard = requireParam('years/' + year + '/personalStandardFen/value');
if (caseData.refundReason !== 'subsidy_after_recognition') {
  return refuse('refund_reason_not_allowed', '002号通知只规定了身份认定前已全额缴费的资助退还（四(三)2），未规定“' + caseData.refundReason + '”退费');
}
var best = null;
var evidence = [];
caseData.person.identities.forEach(function (identity) {
  var rule = settings.subsidies[identity.code];
  if (!rule || rule.dynamicEnrollment || rule.kind !== 'fixed') {
    evidence.push({ identity: identity.code, amountFen: 0, outcome: 'not_applicable', why: rule ? '动态参保或全额资助身份，不适用先缴后退（四(三)1）' : '本地通知未列此资助身份' });
    return;
  }
  if (!identity.recognizedOn || compareDates(identity.recognizedOn, caseData.paidOn) <= 0) {
    evidence.push({ identity: identity.code, amountFen: 0, outcome: 'not_applicable', why: '身份认定不在缴费之后' });
    return;
  }
  var amount = Math.min(rule.amountFen, standard);
  if (best === null || amount > best.amountFen) { best = { identity: identity.code, amountFen: amount, recognizedOn: identity.recognizedOn }; }
  evidence.push({ identity: identity.code, amountFen: amount, outcome: 'candidate', why: (NAMES[identity.code] || identity.code) + '缴费后认定' });
});
if (best === null) {
  return { accepted: false, reason: 'not_eligible', message: '没有缴费后认定、按规定先缴后退的资助身份（四(三)2）', refundAmountFen: null, evidence: evidence, benefitStart: null, benefitEnd: null, missingParameters: [] };
}
evidence = evidence.map(function (e) { return e.outcome !== 'candidate' ? e : { identity: e.identity, amountFen: e.amountFen, outcome: e.identity === best.identity ? 'applied' : 'not_applied', why: e.identity === best.identity ? e.why + '，退还应由政府资助部分' : '就高不重复享受（一）' }; });
var deadline = addMonths(best.recognizedOn, 3);
return {
  accepted: true, reason: null,
  message: (NAMES[best.identity] || best.identity) + '身份认定前已全额缴费：退还资助' + fenToYuan(best.amountFen) + '元，医保部门应于 ' + deadline + ' 前退还（四(三)2）',
  personalStandardFen: standard, amountDueFen: null, subsidy: { identity: best.identity, amountFen: best.amountFen, mode: 'pay_back_later', fund: settings.subsidies[best.identity].fund },
  evidence: evidence, benefitStart: null, benefitEnd: null, refundAmountFen: best.amountFen, refundDeadline: deadline, missingParameters: []
};
