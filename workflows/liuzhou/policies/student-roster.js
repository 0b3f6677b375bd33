// 柳州市在校学生参保（004号通知）：学校报送的花名册逐行校验。Input (caseData = the workflow input):
//   { school, benefitYear, students: [{ idNumber, name, birthDate, identities: [code, …] }] }
// A row is registered when the ID number passes GB 11643, matches the birth date and appears once;
// a student of a special / hardship group enrolls with the family where the benefits are approved (004 一).
var year = String(caseData.benefitYear);
var cfg = params && params.years && params.years[year] ? params.years[year].students : null;
function opt(node) { return node === undefined || node === null ? null : typeof node === 'object' && !Array.isArray(node) && 'value' in node ? node.value : node; }
if (!cfg) {
  return { accepted: false, reason: 'year_not_configured', message: '柳州市未配置 ' + year + ' 年度在校学生参保参数', rows: [] };
}
var withFamily = opt(cfg.specialGroupsEnrollWithFamily) || [];
var standard = opt(cfg.personalStandardFen);
var seen = {};
var rows = (caseData.students || []).map(function (s, i) {
  var row = { index: i + 1, idNumber: s.idNumber, name: s.name, birthDate: s.birthDate, amountFen: standard, valid: true, problem: null };
  var id = String(s.idNumber || '').toUpperCase();
  var parsed = idNumber.isValid(id) ? idNumber.parse(id) : null;
  if (!parsed) { row.valid = false; row.problem = '身份证号码校验位错误或格式不符'; }
  else if (s.birthDate && parsed.birthDate !== s.birthDate) { row.valid = false; row.problem = '出生日期与身份证号码不一致'; }
  else if (seen[id]) { row.valid = false; row.problem = '与第 ' + seen[id] + ' 行重复'; }
  else {
    var special = (s.identities || []).filter(function (c) { return withFamily.indexOf(c) >= 0; });
    if (special.length > 0) { row.valid = false; row.problem = '属于特殊、困难人员（' + special.join('、') + '），须在待遇审批地与家庭一起办理参保登记（004 一）'; }
  }
  if (parsed) { seen[id] = seen[id] || i + 1; }
  return row;
});
var valid = rows.filter(function (r) { return r.valid; });
return {
  accepted: valid.length > 0, reason: valid.length > 0 ? null : 'not_eligible',
  message: caseData.school + '：报送 ' + rows.length + ' 人，可登记 ' + valid.length + ' 人' + (rows.length > valid.length ? '，需更正 ' + (rows.length - valid.length) + ' 人' : ''),
  rows: rows, registered: valid, corrections: rows.filter(function (r) { return !r.valid; }),
  personalStandardFen: standard, paymentDeadline: opt(cfg.paymentDeadline), benefitStart: opt(cfg.benefitStart), benefitEnd: opt(cfg.benefitEnd)
};
