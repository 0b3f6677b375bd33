// 参保资助审批（各地区共用）：the subsidy resolved by the enrollment policy (variable `charged`) becomes an
// approval plan — which department certifies and approves, which fund pays, who pays (proxy payment through
// the tax virtual account, or paid back to the person's bank account) and by when.
// Parameters: years/<benefitYear>/deadlines (proxyPaymentBy, differentialPayBackBy, …), refund.payBackDeadline.
var region = params && params.code ? params.code : caseData.region;
var year = String(caseData.benefitYear);
var cfg = params && params.years ? params.years[year] : null;
var charged = variables.charged || null;
var missing = charged && charged.missingParameters ? charged.missingParameters.slice() : [];
function opt(node) { return node === undefined || node === null ? null : typeof node === 'object' && !Array.isArray(node) && 'value' in node ? node.value : node; }

// The department that certifies each identity (policies/README: departments).
var CERTIFIER = {
  tekun: 'civil_affairs', orphan: 'civil_affairs', de_facto_orphan: 'civil_affairs', dibao: 'civil_affairs', dibao_edge: 'civil_affairs',
  low_income_elderly: 'civil_affairs', low_income_minor: 'civil_affairs', low_income_disabled: 'civil_affairs', low_income_ill: 'civil_affairs',
  family_planning: 'health', family_planning_special: 'health', severe_disability: 'disabled_federation',
  poverty_registered: 'rural_revitalization', poverty_lifted: 'rural_revitalization', poverty_exited: 'rural_revitalization',
  returned_to_poverty: 'rural_revitalization', monitored: 'rural_revitalization', priority_care: 'veterans_affairs',
  military_cadre_dependant: 'veterans_affairs', veteran_discharged: 'veterans_affairs', downsized_1960s: 'civil_affairs',
  mental_disorder_offender: 'civil_affairs'
};

function approval() {
  if (!cfg) { return { accepted: false, reason: 'year_not_configured', message: region + '未配置 ' + year + ' 年度参数', missingParameters: missing }; }
  if (!charged || charged.accepted !== true) {
    return { accepted: false, reason: charged ? charged.reason : 'not_eligible', message: '缴费不被受理，无资助可批：' + (charged ? charged.message : ''), missingParameters: missing };
  }
  var s = charged.subsidy;
  if (!s || !s.identity) {
    return { accepted: false, reason: missing.length > 0 ? 'parameter_missing' : 'not_eligible',
      message: missing.length > 0 ? '资助身份取决于未设置的参数：' + missing.join('、') : '没有可享受的参保资助身份', missingParameters: missing };
  }
  var deadlines = cfg.deadlines || {};
  var recognized = (caseData.person.identities.filter(function (i) { return i.code === s.identity; })[0] || {}).recognizedOn || null;
  var due = null;
  if (s.mode === 'proxy_payment') {
    due = opt(deadlines.proxyPaymentBy);
  } else if (s.mode === 'pay_back_later') {
    var rule = cfg.refund && cfg.refund.payBackDeadline;
    if (recognized && caseData.paidOn && compareDates(recognized, caseData.paidOn) > 0 && rule) {
      due = rule.rule === 'end_of_next_month' ? lastOfMonth(addMonths(recognized, 1)) : rule.rule === 'months_after_recognition' ? addMonths(recognized, rule.months) : null;
    } else {
      due = opt(deadlines.differentialPayBackBy);
    }
  }
  var certifier = CERTIFIER[s.identity] || 'medical_insurance_agency';
  return {
    accepted: true, reason: null,
    message: s.identity + '：' + (s.mode === 'proxy_payment' ? '全额代缴' : s.mode === 'pay_back_later' ? '先缴后补' : '缴费时减免') + (s.amountFen === null ? '' : ' ' + fenToYuan(s.amountFen) + ' 元') + (due ? '，期限 ' + due : ''),
    identity: s.identity, amountFen: s.amountFen, mode: s.mode, fund: s.fund, split: s.split || null,
    approver: certifier, payer: s.payer || (s.mode === 'reduce_at_payment' ? 'tax' : 'medical_insurance_agency'), deadline: due,
    missingParameters: missing
  };
}
return approval();
