using System.Globalization;
using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Host.Access;
using ResidentInsurance.Persistence.Access;
using ResidentInsurance.Policy.Identity;

namespace ResidentInsurance.Host.Api;

/// <summary>
/// POST /api/tax/payment-notices: the tax department's feed, a batch of payment notices for one region. The
/// whole batch is checked first (a malformed notice answers 400 naming it, and nothing is applied); then each
/// notice resumes the enrollment waiting for it, keyed by its transaction id — a re-delivery is counted once,
/// a notice for someone not (yet) registered is parked for review, never dropped.
/// </summary>
internal static class TaxFeedEndpoints
{
    public sealed record PaymentNotice(string? IdNumber, int? BenefitYear, long? AmountFen, string? PaidOn, string? Channel, string? TransactionId);

    public sealed record NoticeBatch(string? Region, List<PaymentNotice>? Notices);

    public static void MapTaxFeedEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tax/payment-notices", async (NoticeBatch batch, Caller caller, WorkflowRuntime runtime, IAccessStore audit, TimeProvider clock, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(batch.Region))
            {
                return Problem("region", "缺少地区代码");
            }

            caller.RequireDepartment(batch.Region, "tax", "tax.payment-notices", batch.Region);
            if (batch.Notices is null || batch.Notices.Count == 0)
            {
                return Problem("notices", "批次中没有缴费信息");
            }

            for (var i = 0; i < batch.Notices.Count; i++)
            {
                if (batch.Notices[i] is null)
                {
                    return Problem($"notices[{i}]", "缴费信息为空（null）");
                }

                if (Check(batch.Notices[i], $"notices[{i}]") is { } problem)
                {
                    return Problem(problem.Field, problem.Message);
                }
            }

            var counts = new Dictionary<string, int>(StringComparer.Ordinal) { ["Resumed"] = 0, ["AlreadyHandled"] = 0, ["Parked"] = 0, ["NoMatch"] = 0 };
            var results = new JsonArray();
            foreach (var n in batch.Notices)
            {
                var id = n.IdNumber!.Trim().ToUpperInvariant();
                var result = await runtime.ResumeAsync(ResumeRequest.ForEvent(batch.Region!, "tax.payment-notice", $"{id}/{n.BenefitYear}", n.TransactionId!, new JsonObject
                {
                    ["idNumber"] = id,
                    ["benefitYear"] = n.BenefitYear,
                    ["amountFen"] = n.AmountFen,
                    ["paidOn"] = n.PaidOn,
                    ["channel"] = n.Channel,
                    ["transactionId"] = n.TransactionId,
                }), ct);
                counts[result.Outcome.ToString()] = counts.GetValueOrDefault(result.Outcome.ToString()) + 1;
                if (result.Outcome is ResumeOutcome.Resumed or ResumeOutcome.Parked or ResumeOutcome.AlreadyHandled)
                {
                    // Once per transaction id: a re-delivery writes the entry a crash after the payment's commit lost.
                    await audit.AppendAuditOnceAsync(new AuditEntry(0, clock.GetUtcNow(), caller.UserName, batch.Region, "payment." + (result.Outcome == ResumeOutcome.Parked ? "parked" : "applied"),
                        n.TransactionId!, "allowed", $"{Inbox.IdMask.Mask(id)}/{n.BenefitYear} {n.AmountFen} 分 {n.PaidOn}"), ct);
                }

                results.Add(new JsonObject { ["transactionId"] = n.TransactionId, ["outcome"] = result.Outcome.ToString(), ["instanceId"] = result.InstanceId });
            }

            return Results.Ok(new { region = batch.Region, received = batch.Notices.Count, applied = counts["Resumed"], duplicates = counts["AlreadyHandled"], parked = counts["Parked"] + counts["NoMatch"], results });
        }).WithTags("Tax feed");
    }

    private static (string Field, string Message)? Check(PaymentNotice n, string at)
    {
        if (string.IsNullOrWhiteSpace(n.TransactionId))
        {
            return ($"{at}.transactionId", "缺少税务交易流水号");
        }

        if (!ResidentIdNumber.TryParse(n.IdNumber, out _, out var error))
        {
            return ($"{at}.idNumber", $"身份证号码无效：{error}");
        }

        if (n.BenefitYear is null or < 2000 or > 2100)
        {
            return ($"{at}.benefitYear", "参保年度无效");
        }

        if (n.AmountFen is null or < 0 or > 100_000_000)
        {
            return ($"{at}.amountFen", "缴费金额（分）无效");
        }

        if (!DateOnly.TryParseExact(n.PaidOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return ($"{at}.paidOn", $"缴费日期 '{n.PaidOn}' 不是有效日期（yyyy-MM-dd）");
        }

        return null;
    }

    private static IResult Problem(string field, string message) =>
        Results.Problem(title: "缴费信息有误，整批未处理", detail: $"{field}: {message}", statusCode: 400, extensions: new Dictionary<string, object?> { ["field"] = field });
}
