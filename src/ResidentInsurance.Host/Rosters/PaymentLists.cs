using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Activities;
using ResidentInsurance.Engine.Clock;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Host.Access;

namespace ResidentInsurance.Host.Rosters;

/// <summary>
/// The payable and paid lists (应缴 / 已缴花名册) a department pays and reconciles from, read from what the
/// workflows wait for and what they recorded — never a list of its own that could drift:
/// <list type="bullet">
/// <item>payable: the open 资助代缴 / 资助补发 tasks of the caller's department (a clerk pays them, then completes them);</item>
/// <item>paid: the entitlements recorded for the benefit year — all of them for 税务 and the agency, those the
/// caller's department paid for (proxy payment, pay-back) for a subsidising department; a later refund is marked.</item>
/// </list>
/// </summary>
internal sealed class PaymentLists(IInstanceStore store)
{
    private static readonly string[] SeesAllPayments = ["tax", "medical_insurance_agency"];

    public async Task<List<IDictionary<string, object?>>> PayableAsync(Caller caller, string region, int benefitYear, CancellationToken ct)
    {
        var rows = new List<IDictionary<string, object?>>();
        long total = 0;
        foreach (var task in await store.ListBookmarksByNameAsync(DepartmentTaskNames.Bookmark, region, ct))
        {
            var p = task.Payload;
            var data = p?["data"];
            var policy = data?["policy"];
            var person = data?["case"]?["person"];
            if (p is null || policy?["subsidy"] is not JsonObject subsidy || Int(data?["case"]?["benefitYear"]) != benefitYear
                || (!caller.IsSystemAdmin && Text(p["department"]) != caller.Department))
            {
                continue;
            }

            var fen = Long(subsidy["amountFen"]) ?? Long(policy["personalStandardFen"]);
            total += fen ?? 0;
            rows.Add(new Dictionary<string, object?>
            {
                ["序号"] = rows.Count + 1,
                ["姓名"] = Text(person?["name"]),
                ["身份证号码"] = Text(person?["idNumber"]),
                ["人员类别"] = Category(Text(subsidy["identity"])),
                ["事项"] = data?["payment"] is null ? "全额资助代缴" : "资助补发",
                ["应付金额（元）"] = RosterWorkbook.Yuan(fen),
                ["办理期限"] = Text(p["deadline"]),
                ["备注"] = Text(p["title"]),
            });
        }

        rows.Add(new Dictionary<string, object?> { ["序号"] = null, ["姓名"] = "合计", ["身份证号码"] = $"{rows.Count} 人", ["人员类别"] = null, ["事项"] = null, ["应付金额（元）"] = total / 100m, ["办理期限"] = null, ["备注"] = null });
        return rows;
    }

    public async Task<List<IDictionary<string, object?>>> PaidAsync(Caller caller, string region, int benefitYear, CancellationToken ct)
    {
        var suffix = "/" + benefitYear.ToString(CultureInfo.InvariantCulture);
        var entitlements = new Dictionary<string, WorkflowRecord>(StringComparer.Ordinal);
        var ended = new HashSet<string>(StringComparer.Ordinal);
        long after = 0;
        while (true)
        {
            var page = await store.ListRecordsAsync(new RecordQuery(region, AfterSequence: after, Take: 5000), ct);
            foreach (var r in page.Where(r => r.CorrelationKey?.EndsWith(suffix, StringComparison.Ordinal) == true))
            {
                if (r.EventName == "entitlement.recorded")
                {
                    entitlements.TryAdd(r.CorrelationKey!, r); // a duplicate entitlement is one payment
                }
                else if (r.EventName is "enrollment.ended")
                {
                    ended.Add(r.CorrelationKey!);
                }
            }

            if (page.Count < 5000)
            {
                break;
            }

            after = page[^1].Sequence;
        }

        var all = caller.IsSystemAdmin || caller.Department is null || SeesAllPayments.Contains(caller.Department);
        var rows = new List<IDictionary<string, object?>>();
        long paid = 0, subsidised = 0;
        foreach (var (key, r) in entitlements.OrderBy(e => e.Value.Sequence))
        {
            var p = r.Payload;
            var subsidy = p["subsidy"] as JsonObject;
            var payer = Text(subsidy?["payer"]);
            if (!all && payer != caller.Department)
            {
                continue;
            }

            var payment = p["payment"] as JsonObject;
            var proxy = payment is null && Text(subsidy?["mode"]) == "proxy_payment";
            var amount = payment is null ? (proxy ? Long(subsidy?["amountFen"]) : null) : Long(payment["amountFen"]);
            var subsidyFen = Long(subsidy?["amountFen"]);
            paid += amount ?? 0;
            subsidised += subsidyFen ?? 0;
            rows.Add(new Dictionary<string, object?>
            {
                ["序号"] = rows.Count + 1,
                ["姓名"] = Text(p["name"]),
                ["身份证号码"] = key[..^suffix.Length],
                ["人员类别"] = string.Join("、", (p["identities"] as JsonArray ?? []).Select(i => Category(Text(i)))),
                ["镇（街道）"] = Text(p["town"]),
                ["村（社区）"] = Text(p["village"]),
                ["缴费方式"] = proxy ? $"全额资助代缴（{Departments.Find(payer ?? "")?.Name ?? payer}）" : "个人缴费",
                ["缴费金额（元）"] = RosterWorkbook.Yuan(amount),
                ["资助金额（元）"] = RosterWorkbook.Yuan(subsidyFen),
                ["缴费日期"] = Text(payment?["paidOn"]) ?? ChinaDate(r.RecordedAt),
                ["备注"] = ended.Contains(key) ? "已退费，参保终止" : null,
            });
        }

        rows.Add(new Dictionary<string, object?>
        {
            ["序号"] = null, ["姓名"] = "合计", ["身份证号码"] = $"{rows.Count} 人", ["人员类别"] = null, ["镇（街道）"] = null, ["村（社区）"] = null, ["缴费方式"] = null,
            ["缴费金额（元）"] = paid / 100m, ["资助金额（元）"] = subsidised / 100m, ["缴费日期"] = null, ["备注"] = null,
        });
        return rows;
    }

    private static string? Category(string? code) => code is null ? null : RosterWorkbook.CategoryName(code);

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static long? Long(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) ? n : null;

    private static int? Int(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) ? n : null;

    private static string ChinaDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, ChinaTime.Zone).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
