using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ResidentInsurance.Persistence;
using ResidentInsurance.Persistence.Access;

namespace ResidentInsurance.Cli;

/// <summary>
/// <c>verify-audit [--database file.db | --postgres "connection string"]</c>: walks the audit chain and names the
/// first entry that was edited, or after which one was deleted. Exit 0 intact, 4 broken.
/// </summary>
internal static class VerifyAuditCommand
{
    public const int Broken = 4;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, PlatformOptions platform)
    {
        var options = new PersistenceOptions { Provider = StoreProvider.Sqlite, ConnectionString = $"Data Source={platform.DatabasePath}" };
        if (args.Length == 2 && args[0] == "--database")
        {
            options.ConnectionString = $"Data Source={args[1]}";
        }
        else if (args.Length == 2 && args[0] == "--postgres")
        {
            options = new PersistenceOptions { Provider = StoreProvider.PostgreSql, ConnectionString = args[1] };
        }
        else if (args.Length != 0)
        {
            await stderr.WriteLineAsync("usage: verify-audit [--database file.db | --postgres \"Host=…;Database=…\"]");
            return CliApp.BadInput;
        }

        if (options.Provider == StoreProvider.Sqlite && !File.Exists(options.ConnectionString!["Data Source=".Length..]))
        {
            await stderr.WriteLineAsync($"verify-audit: no database at {options.ConnectionString!["Data Source=".Length..]}");
            return CliApp.BadInput;
        }

        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddResidentInsurancePersistence(o => { o.Provider = options.Provider; o.ConnectionString = options.ConnectionString; });
        await using var provider = services.BuildServiceProvider();
        var result = await provider.GetRequiredService<IAccessStore>().VerifyAuditAsync();
        if (result.Intact)
        {
            await stdout.WriteLineAsync($"审计链完整：{result.Entries} 条记录 / audit chain intact: {result.Entries} entries");
            return CliApp.Ok;
        }

        await stdout.WriteLineAsync($"审计链被破坏 / audit chain broken at entry {result.BrokenAt}: {result.Problem}");
        return Broken;
    }
}
