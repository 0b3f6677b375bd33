namespace ResidentInsurance.Persistence.Tests.Support;

/// <summary>
/// A test against the real PostgreSQL that <c>.ci/test</c> starts (RI_TEST_POSTGRES). Without it the test
/// is skipped on a developer machine, and fails in CI (CI=true), where the server must be there.
/// </summary>
internal sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (ConnectionString is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "RI_TEST_POSTGRES is not set (bash .ci/test starts PostgreSQL and sets it)";
        }
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable("RI_TEST_POSTGRES");

    /// <summary>A fresh database per test, so runs never see each other's rows.</summary>
    public static PersistenceOptions FreshDatabase()
    {
        var baseline = ConnectionString ?? throw new InvalidOperationException("RI_TEST_POSTGRES is not set: CI must start PostgreSQL (see .ci/test)");
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(baseline) { Database = "ri_t_" + Guid.NewGuid().ToString("N")[..12] };
        using (var admin = new Npgsql.NpgsqlConnection(baseline))
        {
            admin.Open();
            DropEarlierTestDatabases(admin);
            using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{builder.Database}\"";
            create.ExecuteNonQuery();
        }

        return new PersistenceOptions { Provider = StoreProvider.PostgreSql, ConnectionString = builder.ConnectionString };
    }

    /// <summary>The tests of this class run one after another: the databases of earlier ones can go.</summary>
    private static void DropEarlierTestDatabases(Npgsql.NpgsqlConnection admin)
    {
        var names = new List<string>();
        using (var list = admin.CreateCommand())
        {
            list.CommandText = "SELECT datname FROM pg_database WHERE datname LIKE 'ri\\_t\\_%'";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }

        foreach (var name in names)
        {
            using var drop = admin.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
            drop.ExecuteNonQuery();
        }
    }
}
