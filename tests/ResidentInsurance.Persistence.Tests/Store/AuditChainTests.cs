using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using ResidentInsurance.Persistence.Access;
using ResidentInsurance.Persistence.Tests.Support;

namespace ResidentInsurance.Persistence.Tests.Store;

/// <summary>The audit trail is a hash chain: concurrent writers keep it linear; an edited or deleted entry is found.</summary>
public sealed class AuditChainTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2024, 3, 1, 2, 0, 0, TimeSpan.Zero);
    private readonly SqliteFile _file = new();

    public void Dispose() => _file.Dispose();

    private static AuditEntry Entry(int n) => new(0, Now.AddSeconds(n), $"clerk-{n % 3}", "zhashui", "task.complete", $"task-{n}", "allowed", $"outcome {n}");

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_file.Path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    [Fact]
    public async Task A_payment_audited_once_by_concurrent_deliveries_is_one_entry()
    {
        using var host = new StoreHost(_file.Options, new FakeTimeProvider(Now));
        var store = host.Services.GetService(typeof(IAccessStore)) as IAccessStore ?? throw new InvalidOperationException();
        var payment = new AuditEntry(0, Now, "zhashui.tax", "zhashui", "payment.notice", "TX-61102619651014000X", "applied", "380.00 yuan");

        // The tax feed re-delivers a batch while the first delivery is still being applied.
        var firsts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.AppendAuditOnceAsync(payment))));

        Assert.Equal(1, firsts.Count(first => first));
        Assert.Single(await store.ListAuditAsync(10), e => e.Target == payment.Target);
        Assert.True((await store.VerifyAuditAsync()).Intact);
    }

    [Fact]
    public async Task Concurrent_appends_make_one_chain_and_an_edit_or_a_deletion_is_named()
    {
        using (var host = new StoreHost(_file.Options, new FakeTimeProvider(Now)))
        {
            var store = host.Services.GetService(typeof(IAccessStore)) as IAccessStore ?? throw new InvalidOperationException();
            await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                for (var i = 0; i < 10; i++)
                {
                    await store.AppendAuditAsync(Entry((w * 10) + i));
                }
            })));

            var verified = await store.VerifyAuditAsync();
            Assert.True(verified.Intact, verified.Problem);
            Assert.Equal(40, verified.Entries);
        }

        Execute("UPDATE audit SET \"Detail\" = 'outcome 不同意' WHERE \"Sequence\" = 7");
        using (var host = new StoreHost(_file.Options, new FakeTimeProvider(Now)))
        {
            var edited = await ((IAccessStore)host.Services.GetService(typeof(IAccessStore))!).VerifyAuditAsync();
            Assert.Equal((false, 7L), (edited.Intact, edited.BrokenAt));
            Assert.Contains("edited", edited.Problem);
        }

        Execute("DELETE FROM audit WHERE \"Sequence\" = 7");
        using (var host = new StoreHost(_file.Options, new FakeTimeProvider(Now)))
        {
            var deleted = await ((IAccessStore)host.Services.GetService(typeof(IAccessStore))!).VerifyAuditAsync();
            Assert.Equal((false, 8L), (deleted.Intact, deleted.BrokenAt));
            Assert.Contains("deleted", deleted.Problem);
        }
    }
}
