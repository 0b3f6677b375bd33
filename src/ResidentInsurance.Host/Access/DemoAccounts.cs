using Microsoft.Extensions.Options;
using ResidentInsurance.Engine.Activities;
using ResidentInsurance.Host.Regions;
using ResidentInsurance.Persistence.Access;

namespace ResidentInsurance.Host.Access;

/// <summary>
/// The demo accounts of the default run (README): for every region a clerk per department
/// (<c>zhashui.civil_affairs</c>), a policy administrator (<c>zhashui.admin</c>) and the tax feed's API key
/// (<c>demo-zhashui-tax-key</c>); one system administrator (<c>admin</c>, API key <c>demo-admin-key</c>).
/// Added when missing; a deployment turns them off with <c>Access:SeedDemoAccounts=false</c>.
/// </summary>
internal sealed class DemoAccounts(IAccessStore store, RegionDocuments regions, IOptions<AccessOptions> options, ILogger<DemoAccounts> logger) : IHostedService
{
    public const string AdminApiKey = "demo-admin-key";

    public static string TaxFeedKey(string region) => $"demo-{region}-tax-key";

    public async Task StartAsync(CancellationToken ct)
    {
        if (!options.Value.SeedDemoAccounts)
        {
            return;
        }

        // One hash of the published demo password for all demo accounts: hashing it per account would cost
        // seconds at every start, and its secrecy is nil anyway.
        var password = Secrets.HashPassword(options.Value.DemoPassword, options.Value.PasswordIterations);
        var accounts = new List<StaffAccount> { new("admin", "系统管理员", null, null, Roles.SystemAdmin, password, Secrets.HashApiKey(AdminApiKey)) };
        foreach (var region in await regions.ReadAllAsync(ct))
        {
            var code = region["code"]!.GetValue<string>();
            var name = region["name"]?.GetValue<string>() ?? code;
            accounts.Add(new($"{code}.admin", $"{name}政策管理员", code, null, Roles.PolicyAdmin, password, null));
            foreach (var department in (region["departments"]?.AsArray() ?? []).Select(d => d!.GetValue<string>()))
            {
                accounts.Add(new($"{code}.{department}", $"{name}{Departments.Find(department)?.Name ?? department}", code, department, Roles.Staff, password, null));
            }

            // A town's staff per town of the region's campaign (001 附件1, 003 附件): they see their own town only.
            foreach (var (town, index) in CampaignTowns(region).Select((t, i) => (t, i + 1)))
            {
                accounts.Add(new($"{code}.town.{index:00}", $"{name}{town}", code, "town", Roles.Staff, password, null, town));
            }

            accounts.Add(new($"{code}.tax-feed", $"{name}税务缴费回传接口", code, "tax", Roles.System, password, Secrets.HashApiKey(TaxFeedKey(code))));
        }

        var added = await store.AddAccountsAsync(accounts, ct);
        if (added > 0)
        {
            logger.LogInformation("Seeded {Count} demo accounts (password in the README; Access:SeedDemoAccounts=false turns this off)", added);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>The towns of the region's latest campaign, in the order the notice prints them.</summary>
    public static IReadOnlyList<string> CampaignTowns(System.Text.Json.Nodes.JsonObject region) =>
        (region["years"] as System.Text.Json.Nodes.JsonObject ?? []).OrderByDescending(y => y.Key, StringComparer.Ordinal)
            .Select(y => y.Value?["campaign"]?["towns"] as System.Text.Json.Nodes.JsonArray).FirstOrDefault(t => t is not null)?
            .Select(t => t?["name"]?.GetValue<string>()).OfType<string>().ToList() ?? [];
}
