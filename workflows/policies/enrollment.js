// 参保缴费政策（各地区共用，参数驱动）：应缴金额、资助身份（含证据）、待遇开始 / 结束、缴费期。
// Parameters: workflows/regions/<code>.json, years/<benefitYear>/ — windows (payment periods, first match
// wins), specialEnrollment (who may pay outside the ordinary periods), newborn, subsidies (per identity;
// a list of variants chosen by liftedYears / recognizedAfter), multiIdentityRule, fullSubsidyOrder,
// recognitionCutoff, paidBeforeRecognition, interruptedEnrollment. A value may be plain or { value, source };
// { value: null, unset: true } is a parameter the notices leave open: a case that needs it names it in
// missingParameters, and is refused with parameter_missing only when the accept decision depends on it.
// Result in fen (the simulator converts to yuan). A region with different logic overrides this file in
// workflows/<region>/policies/enrollment.js.
var region = params && params.code ? params.code : caseData.region;
var year = String(caseData.benefitYear);
var cfg = params && params.years ? params.years[year] : null;
var missing = [];
var person = caseData.person;
var paidOn = caseData.paidOn;

var NAMES = {
  tekun: '特困人员', orphan: '孤儿', de_facto_orphan: '事实无人抚养儿童', dibao: '低保对象', low_income_elderly: '低收入家庭老年人',
  low_income_minor: '低收入家庭未成年人', low_income_disabled: '低收入家庭重度残疾人', low_income_ill: '低收入家庭重病患者',
  severe_disability: '重度残疾人', family_planning: '计生对象', family_planning_special: '计生特殊家庭成员', poverty_registered: '建档立卡贫困人口',
  poverty_lifted: '脱贫人口', poverty_exited: '退出户', returned_to_poverty: '返贫致贫人口', monitored: '监测户', dibao_edge: '低保边缘户',
  priority_care: '重点优抚对象', military_cadre_dependant: '军休干部家属', veteran_discharged: '退出现役当年的军人', military_spouse: '随军未就业配偶',
  released_prisoner: '刑满释放人员', downsized_1960s: '六十年代初精减退职老职工', mental_disorder_offender: '肇事肇祸精神障碍患者',
  university_student: '大中专学生', border_resident: '边境0~20公里居民'
};
function nameOf(code) { return NAMES[code] || code; }

function isWrapped(node) { return node !== null && typeof node === 'object' && !Array.isArray(node) && 'value' in node; }
function note(path) {
  var full = region + '/' + year + '/' + path;
  if (missing.indexOf(full) < 0) { missing.push(full); }
  return null;
}
// A parameter's value, or null after naming it in missingParameters when it is unset or absent.
function val(node, path) {
  if (node === undefined || node === null || (isWrapped(node) && node.value === null)) { return note(path); }
  return isWrapped(node) ? node.value : node;
}
// A parameter's value, or null when absent or unset (without naming it).
function opt(node) {
  if (node === undefined || node === null) { return null; }
  return isWrapped(node) ? node.value : node;
}

// A field given per subsidy kind ({ full: …, differential: … }) or once for all kinds.
function byKind(node, kind) {
  return node !== null && typeof node === 'object' && !Array.isArray(node) && !('value' in node) && (kind in node) ? node[kind] : node;
}

function Refusal(reason, message) { this.reason = reason; this.message = message; }
function refuse(reason, message) { throw new Refusal(reason, message); }

function result(fields) {
  var r = {
    accepted: true, reason: null, message: null, personalStandardFen: null, amountDueFen: null, subsidy: null, evidence: [],
    benefitStart: null, benefitEnd: null, missingParameters: missing
  };
  for (var k in fields) { r[k] = fields[k]; }
  return r;
}

function evaluate() {
  if (!cfg) { refuse('year_not_configured', (params && params.name ? params.name : region) + '未配置 ' + year + ' 参保年度的参数'); }
  var standard = val(cfg.personalStandardFen, 'personalStandardFen');
  var yearStart = val(cfg.benefitStart, 'benefitStart');
  var yearEnd = val(cfg.benefitEnd, 'benefitEnd');
  var identityCodes = person.identities.map(function (i) { return i.code; });
  function hasIdentity(code) { return identityCodes.indexOf(code) >= 0; }

  // Conditions of specialEnrollment rules.
  function holds(condition) {
    if (condition.indexOf('identity:') === 0) { return hasIdentity(condition.substring(9)); }
    switch (condition) {
      case 'veteran_discharged_in_year':
        if (!hasIdentity('veteran_discharged')) { return false; }
        if (!person.dischargedOn) { refuse('identity_data_missing', '退出现役的军人缺少退出现役日期 dischargedOn'); }
        return yearOf(person.dischargedOn) === caseData.benefitYear;
      case 'employee_insurance_ended_in_year':
        return !!person.employeeInsuranceEndedOn && yearOf(person.employeeInsuranceEndedOn) === caseData.benefitYear;
      case 'newborn':
        return yearOf(person.birthDate) === caseData.benefitYear;
      case 'subsidised_identity':
        return person.identities.some(function (i) { return !!(cfg.subsidies || {})[i.code]; });
      case 'first_enrollment':
        return person.firstEnrollment === true;
      default:
        throw new Error('unknown specialEnrollment condition: ' + condition);
    }
  }
  var special = null;
  (cfg.specialEnrollment || []).some(function (rule) { if (holds(rule.condition)) { special = rule; return true; } return false; });

  // 新生儿：出生后规定期限内缴费。
  var newbornRule = cfg.newborn || null;
  var newborn = false;
  if (newbornRule) {
    var bornFrom = opt(newbornRule.bornFrom) || yearStart;
    var windowEnd = newbornRule.windowDays ? addDays(person.birthDate, newbornRule.windowDays) : addMonths(person.birthDate, newbornRule.windowMonths);
    newborn = compareDates(person.birthDate, bornFrom) >= 0 && yearOf(person.birthDate) === caseData.benefitYear &&
      compareDates(paidOn, person.birthDate) >= 0 && compareDates(paidOn, windowEnd) <= 0;
  }

  // 缴费期：第一个包含缴费日、且适用于此人的期间。
  var window = null;
  (cfg.windows || []).some(function (w) {
    if (!inRange(paidOn, w.from, w.to)) { return false; }
    var who = w.who || 'everyone';
    var fits = who === 'everyone' || (who === 'special' && special !== null) || (who === 'first_enrollment' && person.firstEnrollment === true) || (who === 'newborn' && newborn);
    if (fits) { window = w; }
    return fits;
  });
  if (window === null && !newborn) {
    refuse('outside_payment_window', '缴费日期 ' + paidOn + ' 不在本人 ' + year + ' 参保年度可缴费的期间内。' + (cfg.outsideWindowsWhy || ''));
  }
  var windowId = window ? window.id : 'newborn';

  // 资助：逐个身份核对，只享受一种。
  var table = cfg.subsidies || {};
  var cutoff = opt(cfg.recognitionCutoff);
  var subsidyAllowed = newborn || window.subsidy === undefined ? true : opt(window.subsidy);
  var evidence = [];
  var candidates = [];
  person.identities.forEach(function (identity, index) {
    var code = identity.code;
    var entry = table[code];
    if (!entry) {
      evidence.push({ identity: code, amountFen: 0, outcome: 'no_subsidy', why: '本地区通知未列' + nameOf(code) + '为资助身份' });
      return;
    }
    var variants = Array.isArray(entry) ? entry : [entry];
    var rule = null;
    for (var v = 0; v < variants.length && rule === null; v++) {
      var variant = variants[v];
      if (variant.liftedYears) {
        if (person.liftedYear === null || person.liftedYear === undefined) {
          refuse('identity_data_missing', nameOf(code) + '缺少脱贫（退出）年份 liftedYear（' + variant.source + '）');
        }
        if (variant.liftedYears.indexOf(person.liftedYear) < 0) { continue; }
      }
      if (variant.minAge !== undefined && ageAt(person.birthDate, paidOn) < variant.minAge) { continue; }
      if (variant.belowAge !== undefined && ageAt(person.birthDate, paidOn) >= variant.belowAge) { continue; }
      if (variant.recognizedAfter && !(identity.recognizedOn && compareDates(identity.recognizedOn, variant.recognizedAfter) > 0)) { continue; }
      if (variant.recognizedUntil && identity.recognizedOn && compareDates(identity.recognizedOn, variant.recognizedUntil) > 0) { continue; }
      rule = variant;
    }
    if (rule === null) {
      evidence.push({ identity: code, amountFen: 0, outcome: 'no_subsidy', why: nameOf(code) + (person.liftedYear ? '（' + person.liftedYear + '年）' : '') + '不符合本地区资助条件（' + variants.map(function (x) { return x.source; }).join('；') + '）' });
      return;
    }
    var path = 'subsidies/' + code + (variants.length > 1 ? '/' + variants.indexOf(rule) : '');
    var kind = val(rule.kind, path + '/kind');
    var amount = null;
    if (kind === 'full') { amount = standard; }
    else if (kind === 'fixed') { var fixed = val(rule.amountFen, path + '/amountFen'); amount = fixed === null || standard === null ? null : Math.min(fixed, standard); }
    else if (kind === 'percent') { var bp = val(rule.percentBp, path + '/percentBp'); amount = bp === null || standard === null ? null : percentOfFen(standard, bp); }
    else if (kind === 'differential') { var diff = val(rule.amountFen, path + '/amountFen'); amount = diff === null || standard === null ? null : Math.min(diff, standard); }
    var candidate = {
      identity: code, index: index, kind: kind, amountFen: amount, mode: kind === null ? null : val(byKind(rule.mode, kind), path + '/mode'), fund: kind === null ? null : val(byKind(rule.fund, kind), path + '/fund'), payer: opt(byKind(rule.payer, kind)) || null,
      split: rule.split || null, source: rule.source || '', recognizedOn: identity.recognizedOn || null, why: rule.why || null
    };
    var excludedBy = (rule.notWith || []).filter(hasIdentity);
    if (excludedBy.length > 0) {
      evidence.push({ identity: code, amountFen: amount, outcome: 'not_applied', why: nameOf(code) + '同时为' + excludedBy.map(nameOf).join('、') + '，按后者办理（' + (rule.notWithSource || rule.source) + '）' });
      return;
    }
    if (cutoff && identity.recognizedOn && compareDates(identity.recognizedOn, cutoff) > 0) {
      evidence.push({ identity: code, amountFen: amount, outcome: 'not_applied', why: nameOf(code) + '于 ' + identity.recognizedOn + ' 认定，晚于 ' + cutoff + '，纳入下一年度资助范围（' + (cfg.recognitionCutoff.source || '') + '）' });
      return;
    }
    if (subsidyAllowed === false) {
      evidence.push({ identity: code, amountFen: amount, outcome: 'not_applied', why: window.subsidyLostWhy || (window.name + '缴费不享受资助') });
      return;
    }
    if (identity.recognizedOn && compareDates(identity.recognizedOn, paidOn) > 0) {
      var later = val(cfg.paidBeforeRecognition, 'paidBeforeRecognition');
      candidate.mode = later;
      candidate.why = '缴费后于 ' + identity.recognizedOn + ' 认定，资助于认定后补发';
    }
    candidates.push(candidate);
  });

  // 多重身份：就高不重复（highest_not_stacked）或规定顺序（ordered，如柳州全额资助顺序）。
  var chosen = null;      // the candidate applied
  var unresolved = false; // true when a parameter the choice needs is unset
  var tieFund = false;
  if (subsidyAllowed === null && candidates.length > 0) { note('windows/' + windowId + '/subsidy'); unresolved = true; }
  if (candidates.length === 1) {
    chosen = candidates[0];
    if (chosen.mode === null || (chosen.amountFen === null && chosen.mode !== 'pay_back_later')) { unresolved = true; }
  } else if (candidates.length > 1) {
    var ruleName = val(cfg.multiIdentityRule, 'multiIdentityRule');
    if (ruleName === null || candidates.some(function (c) { return c.kind === null; })) {
      unresolved = true;
    } else if (ruleName === 'ordered') {
      var full = candidates.filter(function (c) { return c.kind === 'full'; });
      var order = val(cfg.fullSubsidyOrder, 'fullSubsidyOrder') || [];
      if (full.length === 1) { chosen = full[0]; }
      else if (full.length > 1) {
        var ranked = full.map(function (c) { return { c: c, rank: rankIn(order, c.identity) }; });
        if (ranked.some(function (r) { return r.rank < 0; })) { note('fullSubsidyOrder'); unresolved = true; }
        else { ranked.sort(function (a, b) { return a.rank - b.rank; }); chosen = ranked[0].c; }
      } else {
        chosen = highest(candidates);
      }
    } else {
      chosen = highest(candidates);
    }
  }
  function rankIn(order, code) {
    for (var i = 0; i < order.length; i++) {
      var group = order[i];
      if (group === code || (Array.isArray(group.identities) && group.identities.indexOf(code) >= 0)) { return i; }
    }
    return -1;
  }
  function highest(list) {
    if (list.some(function (c) { return c.amountFen === null; }) && !list.some(function (c) { return c.kind === 'full'; })) { unresolved = true; return null; }
    var top = null;
    list.forEach(function (c) {
      var amount = c.kind === 'full' ? standard : c.amountFen;
      if (top === null || amount > (top.kind === 'full' ? standard : top.amountFen)) { top = c; }
    });
    var ties = list.filter(function (c) { return c !== top && c.amountFen === top.amountFen && (c.fund !== top.fund || c.mode !== top.mode); });
    if (ties.length > 0) {
      var equal = val(cfg.equalSubsidyFund, 'equalSubsidyFund');
      if (equal === null) { tieFund = true; return top; }
      var preferred = list.filter(function (c) { return c.amountFen === top.amountFen && c.fund === equal; })[0];
      return preferred || top;
    }
    return top;
  }

  if (chosen && !unresolved) {
    candidates.forEach(function (c) {
      if (c === chosen) {
        evidence.unshift({ identity: c.identity, amountFen: c.amountFen, outcome: tieFund ? 'tied' : 'applied',
          why: tieFund ? '资助额最高者之一，与其他身份资助额相同、资金渠道不同：由哪一渠道资助，本地区未设置（equalSubsidyFund）' : (c.why ? c.why + '；' : '') + (candidates.length > 1 ? (cfg.multiIdentityRule && cfg.multiIdentityRule.value === 'ordered' && c.kind === 'full' ? '多重身份按规定顺序资助（' + (cfg.fullSubsidyOrder.source || '') + '）' : '就高不重复享受资助（' + (cfg.multiIdentityRule.source || '') + '）') : '唯一有效资助身份') + (c.source ? '（' + c.source + '）' : '') });
      } else if (tieFund && c.amountFen === chosen.amountFen) {
        evidence.push({ identity: c.identity, amountFen: c.amountFen, outcome: 'tied', why: '与' + nameOf(chosen.identity) + '资助额相同、资金渠道不同：由哪一渠道资助，本地区未设置（equalSubsidyFund）' });
      } else {
        evidence.push({ identity: c.identity, amountFen: c.amountFen, outcome: 'not_applied',
          why: c.kind === 'full' && chosen.kind === 'full' ? '全额资助顺序在' + nameOf(chosen.identity) + '之后（' + (cfg.fullSubsidyOrder ? cfg.fullSubsidyOrder.source : '') + '）' : '资助额不高于' + nameOf(chosen.identity) + '，不重复享受' });
      }
    });
  } else {
    candidates.forEach(function (c) {
      evidence.push({ identity: c.identity, amountFen: c.amountFen, outcome: 'undetermined', why: '资助所需参数未设置，见 missingParameters' });
    });
  }

  // 应缴金额。
  var price = null;
  var priceRule = newborn && newbornRule.price !== 'window' ? (newbornRule.price || 'personal') : window ? (window.price || 'personal') : 'personal';
  if (priceRule === 'personal') { price = standard; }
  else if (priceRule === 'personal_plus_fiscal') {
    var fiscal = val(cfg.fiscalSubsidyFen, 'fiscalSubsidyFen');
    price = fiscal === null || standard === null ? null : standard + fiscal;
  }
  function dueWith(c) {
    if (price === null || c.mode === null) { return null; }
    if (c.mode === 'proxy_payment') { return 0; }
    if (c.mode === 'pay_back_later') { return price; }
    return c.amountFen === null ? null : price - c.amountFen;
  }
  var subsidy = null;
  var amountDue = price;
  if (unresolved) {
    // The identity applied is open; the amount due is still known when every candidate gives the same.
    var dues = candidates.map(dueWith);
    amountDue = dues.length > 0 && dues.every(function (d) { return d !== null && d === dues[0]; }) ? dues[0] : null;
  } else if (chosen) {
    if (newborn && newbornRule.subsidisedPriceRule !== undefined && val(newbornRule.subsidisedPriceRule, 'newborn/subsidisedPriceRule') === null) {
      amountDue = null;
    } else {
      subsidy = { identity: tieFund ? null : chosen.identity, amountFen: chosen.amountFen, mode: chosen.mode, fund: tieFund ? null : chosen.fund, payer: tieFund ? null : chosen.payer };
      if (chosen.split && !tieFund) { subsidy.split = chosen.split; }
      amountDue = dueWith(chosen);
    }
  }

  // 待遇开始。
  function startBy(rule, path) {
    var r = val(rule, path);
    if (r === null) { return null; }
    switch (r) {
      case 'year_start': return yearStart;
      case 'month_after_payment': return firstOfNextMonth(paidOn);
      case 'payment_date': return paidOn;
      case 'birth': return person.birthDate;
      default: throw new Error('unknown benefitStart rule: ' + r);
    }
  }
  var start;
  var why;
  if (newborn) {
    start = startBy(newbornRule.benefitStart, 'newborn/benefitStart');
    why = newbornRule.why || '新生儿在规定期限内参保缴费';
  } else if (window.who === 'special' && special && special.benefitStart) {
    start = startBy(special.benefitStart, 'specialEnrollment/' + special.condition + '/benefitStart');
    why = special.why + '（' + special.source + '）';
  } else {
    start = startBy(window.benefitStart, 'windows/' + windowId + '/benefitStart');
    why = window.name + '缴费' + (window.who === 'special' && special ? '（' + special.why + '，' + special.source + '）' : '（' + window.source + '）');
    if (!window.who || window.who === 'everyone') {
      if (special && window.specialBenefitStart) { start = startBy(window.specialBenefitStart, 'windows/' + windowId + '/specialBenefitStart'); }
    }
  }
  var interrupted = cfg.interruptedEnrollment;
  if (start !== null && interrupted && !newborn && (person.yearsUninsured || 0) >= interrupted.minYears) {
    var waited = firstOfMonth(addMonths(paidOn, interrupted.monthsAfterPayment));
    if (compareDates(waited, start) > 0) {
      start = waited;
      why += '；中断参保' + interrupted.minYears + '年以上续保，自足额缴费后第' + interrupted.monthsAfterPayment + '个月1日起（' + interrupted.source + '）';
    }
  }
  if (start !== null && compareDates(start, yearStart) < 0 && !newborn) { start = yearStart; }
  if (start !== null && compareDates(start, yearEnd) > 0) {
    refuse('not_eligible', '缴费日 ' + paidOn + ' 的待遇开始日 ' + start + ' 已超出 ' + year + ' 参保年度（至 ' + yearEnd + '）');
  }

  function yuanText(fen) { return fen === null ? '金额取决于未设置的参数' : fenToYuan(fen) + '元'; }
  var parts = [];
  if (subsidy) {
    parts.push(nameOf(chosen.identity) + (subsidy.mode === 'proxy_payment' ? '全额资助（代缴）' : subsidy.mode === 'pay_back_later' ? '先缴后补，资助' + yuanText(subsidy.amountFen) : '资助' + yuanText(subsidy.amountFen)));
  }
  parts.push(amountDue === null ? '应缴金额取决于未设置的参数' : '个人缴纳' + fenToYuan(amountDue) + '元');
  parts.push(why);
  parts.push(start === null ? '待遇开始日取决于未设置的参数' : start + ' 起享受待遇');
  return result({
    message: parts.join('，'), personalStandardFen: standard, amountDueFen: amountDue, subsidy: subsidy, evidence: evidence,
    benefitStart: start, benefitEnd: yearEnd, window: windowId, priceFen: price
  });
}

try {
  return evaluate();
} catch (e) {
  if (e instanceof Refusal) {
    var standardFen = cfg ? opt(cfg.personalStandardFen) : null;
    return result({ accepted: false, reason: e.reason, message: e.message, personalStandardFen: standardFen });
  }
  throw e;
}
