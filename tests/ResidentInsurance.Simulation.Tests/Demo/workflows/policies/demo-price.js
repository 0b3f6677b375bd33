// Test policy in the contract's shape (amounts in fen): in-period price, one fixed 低保 subsidy.
var year = params.years[String(caseData.benefitYear)];
if (!year) {
  return { accepted: false, reason: 'year_not_configured', message: '该年度未配置参数', missingParameters: [] };
}
if (!inRange(caseData.paidOn, year.collectionStart, year.collectionEnd)) {
  return { accepted: false, reason: 'outside_payment_window', message: '不在缴费期内', personalStandardFen: year.personalStandardFen, missingParameters: [] };
}
var dibao = caseData.person.identities.some(function (i) { return i.code === 'dibao'; });
var subsidy = dibao ? { identity: 'dibao', amountFen: year.dibaoSubsidyFen, mode: 'reduce_at_payment', fund: 'medical_assistance' } : null;
return {
  accepted: true,
  reason: null,
  message: dibao ? '低保对象定额资助' : '按个人缴费标准缴费',
  personalStandardFen: year.personalStandardFen,
  amountDueFen: year.personalStandardFen - (subsidy ? subsidy.amountFen : 0),
  subsidy: subsidy,
  evidence: dibao ? [{ identity: 'dibao', amountFen: year.dibaoSubsidyFen, outcome: 'applied', why: '唯一有效身份' }] : [],
  benefitStart: caseData.benefitYear + '-01-01',
  benefitEnd: caseData.benefitYear + '-12-31',
  missingParameters: []
};
