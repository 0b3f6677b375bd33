using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Persistence;

namespace ResidentInsurance.Cli;

/// <summary>
/// <c>parked [--region r] [--database file.db]</c>: the events kept because no instance took them — tax notices
/// for someone not (yet) registered, for another benefit year, or repeated after the person's enrollment
/// ended — each with the reason, as JSON on stdout. Nothing is dropped: a notice stays until matched or reviewed.
/// </summary>
internal static class ParkedCommand
{
    private static readonly JsonSerializerOptions Output = new() { WriteIndented = true, Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, PlatformOptions platform)
    {
        string? region = null;
        var database = platform.DatabasePath;
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || args[i] is not ("--region" or "--database"))
            {
                await stderr.WriteLineAsync("usage: parked [--region <code>] [--database file.db]");
                return CliApp.BadInput;
            }

            if (args[i] == "--region")
            {
                region = args[i + 1];
            }
            else
            {
                database = args[i + 1];
            }
        }

        if (!File.Exists(database))
        {
            await stderr.WriteLineAsync($"parked: no database at {database}");
            return CliApp.BadInput;
        }

        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddResidentInsurancePersistence(o => o.ConnectionString = $"Data Source={database}");
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IInstanceStore>();
        var list = new JsonArray();
        foreach (var s in await store.ListPendingStimuliAsync(region))
        {
            list.Add(new JsonObject
            {
                ["key"] = s.Key,
                ["region"] = s.TenantId,
                ["event"] = s.Name,
                ["correlationKey"] = Mask(s.CorrelationKey),
                ["receivedAt"] = s.ReceivedAt.ToString("O"),
                ["payload"] = s.Payload?.DeepClone(),
                ["reason"] = await ReasonAsync(store, s),
            });
        }

        await stdout.WriteLineAsync(list.ToJsonString(Output));
        await stderr.WriteLineAsync($"{list.Count} 条待核查 / parked");
        return CliApp.Ok;
    }

    /// <summary>Why nobody took it, from what the workflows recorded for the same person.</summary>
    private static async Task<string> ReasonAsync(IInstanceStore store, Stimulus s)
    {
        if (s.CorrelationKey?.Split('/') is not [var id, var year])
        {
            return "无法识别的关联键：人工核查";
        }

        var records = await store.ListRecordsAsync(new RecordQuery(s.TenantId, CorrelationKeyPrefix: id + "/"));
        if (records.Any(r => r.CorrelationKey == s.CorrelationKey && r.EventName == "entitlement.recorded"))
        {
            return $"{year} 年度已登记待遇：重复缴费，转退费审核";
        }

        var otherYears = records.Where(r => r.EventName == "entitlement.recorded").Select(r => r.CorrelationKey!.Split('/')[1]).Distinct().ToList();
        return otherYears.Count > 0
            ? $"参保年度不符：该人员只有 {string.Join("、", otherYears)} 年度的参保登记"
            : "尚未登记参保：登记后自动匹配";
    }

    private static string? Mask(string? key) =>
        key is null || key.Length < 18 ? key : key[..6] + "********" + key[14..];
}
