using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Persistence.Tests.Support;

namespace ResidentInsurance.Persistence.Tests.Store;

public sealed class SqliteStoreTests : IDisposable
{
    private readonly SqliteFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public Task A_task_is_claimed_by_one_clerk_and_released_only_by_its_holder() => StoreContract.A_task_is_claimed_by_one_clerk_and_released_only_by_its_holder(_file.Options);

    [Fact]
    public Task An_api_key_finds_its_account() => StoreContract.An_api_key_finds_its_account(_file.Options);

    [Fact]
    public Task Round_trips_an_instance_and_refuses_a_stale_revision() => StoreContract.Round_trips_an_instance_and_refuses_a_stale_revision(_file.Options);

    [Fact]
    public Task Consumes_a_bookmark_and_a_pending_stimulus_exactly_once() => StoreContract.Consumes_a_bookmark_and_a_pending_stimulus_exactly_once(_file.Options);

    [Fact]
    public Task Finds_due_timers_by_instant_whatever_the_offset() => StoreContract.Finds_due_timers_by_instant_whatever_the_offset(_file.Options);

    [Fact]
    public Task Keeps_journal_order_and_the_outbox_until_sent() => StoreContract.Keeps_journal_order_and_the_outbox_until_sent(_file.Options);

    [Fact]
    public Task Keeps_published_events_as_records_after_the_outbox_is_sent() => StoreContract.Keeps_published_events_as_records_after_the_outbox_is_sent(_file.Options);

    [Fact]
    public Task Refuses_a_second_version_with_the_same_number() => StoreContract.Refuses_a_second_version_with_the_same_number(_file.Options);

    [Fact]
    public async Task The_file_is_in_WAL_mode_and_survives_a_restart()
    {
        using (var host = new StoreHost(_file.Options, new FakeTimeProvider()))
        {
            await host.DefinitionStore.SaveAsync([], [new ContentBlob("h", "region-parameters", "{\"personalStandardFen\":28000}")], null);
        }

        using (var connection = new SqliteConnection($"Data Source={_file.Path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode;";
            Assert.Equal("wal", command.ExecuteScalar());
        }

        using var again = new StoreHost(_file.Options, new FakeTimeProvider());
        Assert.Equal("{\"personalStandardFen\":28000}", (await again.DefinitionStore.GetContentAsync("h"))!.Text);
    }
}
