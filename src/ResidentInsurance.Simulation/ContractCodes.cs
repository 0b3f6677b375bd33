namespace ResidentInsurance.Simulation;

/// <summary>The codes the simulation contract (version 2) fixes.</summary>
public static class ContractCodes
{
    public static readonly IReadOnlySet<string> Identities = new HashSet<string>(StringComparer.Ordinal)
    {
        "tekun", "orphan", "de_facto_orphan", "dibao", "low_income_elderly", "low_income_minor", "low_income_disabled",
        "low_income_ill", "severe_disability", "family_planning", "family_planning_special", "poverty_registered",
        "poverty_lifted", "poverty_exited", "returned_to_poverty", "monitored", "dibao_edge", "priority_care",
        "military_cadre_dependant", "veteran_discharged", "military_spouse", "released_prisoner", "downsized_1960s",
        "mental_disorder_offender", "university_student", "border_resident",
    };

    public static readonly IReadOnlySet<string> Actions = new HashSet<string>(StringComparer.Ordinal) { "enroll", "refund" };

    public static readonly IReadOnlySet<string> RefundReasons = new HashSet<string>(StringComparer.Ordinal)
    {
        "death", "duplicate_payment", "employee_insurance", "other_region", "subsidy_after_recognition",
    };

    public static readonly IReadOnlySet<string> Reasons = new HashSet<string>(StringComparer.Ordinal)
    {
        "outside_payment_window", "benefit_period_started", "refund_reason_not_allowed", "identity_data_missing",
        "parameter_missing", "year_not_configured", "not_eligible",
    };

    /// <summary>Definition ids by action: <c>&lt;region&gt;-enrollment</c>, <c>&lt;region&gt;-refund</c>.</summary>
    public static string DefinitionIdFor(string region, string action) => action == "refund" ? $"{region}-refund" : $"{region}-enrollment";

    /// <summary>The contract action a region's definition runs (<c>enroll</c>, <c>refund</c>), or null for its other processes.</summary>
    public static string? ActionOf(string region, string definitionId) =>
        definitionId == DefinitionIdFor(region, "enroll") ? "enroll" : definitionId == DefinitionIdFor(region, "refund") ? "refund" : null;
}
