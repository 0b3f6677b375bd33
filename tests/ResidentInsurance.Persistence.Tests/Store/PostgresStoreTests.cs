using ResidentInsurance.Persistence.Tests.Support;

namespace ResidentInsurance.Persistence.Tests.Store;

/// <summary>The same contract on the PostgreSQL server .ci/test starts; a fresh database per test.</summary>
public sealed class PostgresStoreTests
{
    [PostgresFact]
    public Task A_task_is_claimed_by_one_clerk_and_released_only_by_its_holder() => StoreContract.A_task_is_claimed_by_one_clerk_and_released_only_by_its_holder(PostgresFactAttribute.FreshDatabase());

    [PostgresFact]
    public Task An_api_key_finds_its_account() => StoreContract.An_api_key_finds_its_account(PostgresFactAttribute.FreshDatabase());

    [PostgresFact]
    public Task Round_trips_an_instance_and_refuses_a_stale_revision() => StoreContract.Round_trips_an_instance_and_refuses_a_stale_revision(PostgresFactAttribute.FreshDatabase());

    [PostgresFact]
    public Task Consumes_a_bookmark_and_a_pending_stimulus_exactly_once() => StoreContract.Consumes_a_bookmark_and_a_pending_stimulus_exactly_once(PostgresFactAttribute.FreshDatabase());

    [PostgresFact]
    public Task Finds_due_timers_by_instant_whatever_the_offset() => StoreContract.Finds_due_timers_by_instant_whatever_the_offset(PostgresFactAttribute.FreshDatabase());

    [PostgresFact]
    public Task Keeps_journal_order_and_the_outbox_until_sent() => StoreContract.Keeps_journal_order_and_the_outbox_until_sent(PostgresFactAttribute.FreshDatabase());

    [PostgresFact]
    public Task Keeps_published_events_as_records_after_the_outbox_is_sent() => StoreContract.Keeps_published_events_as_records_after_the_outbox_is_sent(PostgresFactAttribute.FreshDatabase());

    [PostgresFact]
    public Task Refuses_a_second_version_with_the_same_number() => StoreContract.Refuses_a_second_version_with_the_same_number(PostgresFactAttribute.FreshDatabase());
}
