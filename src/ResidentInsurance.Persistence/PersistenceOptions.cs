namespace ResidentInsurance.Persistence;

/// <summary>Where the workflow store lives, bound from "Persistence" (provider) and ConnectionStrings:Workflows.</summary>
public sealed class PersistenceOptions
{
    public const string Section = "Persistence";

    public const string DefaultSqlite = "Data Source=data/resident-insurance.db";

    /// <summary>Sqlite (default) or PostgreSql.</summary>
    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    public string ConnectionString { get; set; } = DefaultSqlite;
}

public enum StoreProvider
{
    Sqlite,
    PostgreSql,
}
