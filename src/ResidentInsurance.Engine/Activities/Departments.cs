namespace ResidentInsurance.Engine.Activities;

/// <summary>
/// The one list of departments, used by tasks, accounts, regions and the designer's dropdown.
/// Codes are stable; names are what staff read.
/// </summary>
public static class Departments
{
    public static IReadOnlyList<Department> All { get; } =
    [
        new("medical_insurance_agency", "医保经办机构", "医保局 / 医保经办机构：登记、身份标识、待遇记录、退费审核"),
        new("tax", "税务", "税务部门：征收保费、代缴虚拟户、回传缴费信息"),
        new("finance", "财政", "财政部门：资助资金"),
        new("civil_affairs", "民政", "民政部门：特困、孤儿、事实无人抚养儿童、低保、低收入人口"),
        new("health", "卫健", "卫生健康部门：计生家庭"),
        new("disabled_federation", "残联", "残疾人联合会：重度残疾人"),
        new("veterans_affairs", "退役军人事务", "退役军人事务部门：重点优抚对象、退役军人"),
        new("military_retirement", "军休", "军休部门：军休干部家属、遗属"),
        new("rural_revitalization", "乡村振兴", "乡村振兴局 / 扶贫办：建档立卡、脱贫、监测户"),
        new("education", "教育", "教育部门"),
        new("school", "学校", "学校：学生参保花名册、代收代缴"),
        new("public_security", "公安", "公安部门：户籍"),
        new("town", "乡镇（街道）", "乡镇人民政府 / 街道办事处：动员、核查、任务数"),
        new("village", "村（社区）", "村委会 / 社区：入户动员"),
    ];

    public static Department? Find(string code) => All.FirstOrDefault(d => d.Code == code);
}

/// <summary>A department: stable code, Chinese name, what it does in the processes.</summary>
public sealed record Department(string Code, string Name, string Description);
