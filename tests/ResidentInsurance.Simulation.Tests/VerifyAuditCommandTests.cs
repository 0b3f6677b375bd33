using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ResidentInsurance.Cli;
using ResidentInsurance.Persistence;
using ResidentInsurance.Persistence.Access;

namespace ResidentInsurance.Simulation.Tests;

/// <summary><c>verify-audit</c> on a database edited behind the platform's back.</summary>
public sealed class VerifyAuditCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ri-verify-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private string Database => Path.Combine(_folder.FullName, "audit.db");

    private async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, new StringReader(""), stdout, stderr, new PlatformOptions(null, Database));
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task An_intact_chain_passes_and_an_edited_entry_is_named_with_exit_4()
    {
        Assert.Equal(CliApp.BadInput, (await RunAsync("verify-audit")).Code); // no database yet

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddResidentInsurancePersistence(o => o.ConnectionString = $"Data Source={Database}");
        await using (var provider = services.BuildServiceProvider())
        {
            var store = provider.GetRequiredService<IAccessStore>();
            for (var i = 1; i <= 3; i++)
            {
                await store.AppendAuditAsync(new AuditEntry(0, DateTimeOffset.UnixEpoch.AddDays(i), "zhashui.civil_affairs", "zhashui", "task.complete", $"t{i}", "allowed", "确认"));
            }
        }

        var intact = await RunAsync("verify-audit", "--database", Database);
        Assert.Equal(CliApp.Ok, intact.Code);
        Assert.Contains("3 entries", intact.Out);

        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={Database}"))
        {
            connection.Open();
            using var edit = connection.CreateCommand();
            edit.CommandText = "UPDATE audit SET \"Outcome\" = 'denied' WHERE \"Sequence\" = 2";
            edit.ExecuteNonQuery();
        }

        var broken = await RunAsync("verify-audit", "--database", Database);
        Assert.Equal(VerifyAuditCommand.Broken, broken.Code);
        Assert.Contains("entry 2", broken.Out);
    }
}
