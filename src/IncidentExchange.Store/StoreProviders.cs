namespace IncidentExchange.Store;

/// <summary>The values of <c>Incx:Store:Provider</c>.</summary>
public static class StoreProviders
{
    /// <summary>The embedded default: one file, <c>&lt;DataDirectory&gt;/incx.db</c>; one gateway per node.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>A PostgreSQL database (<c>Incx:Store:ConnectionString</c>): required for two or more gateways per node.</summary>
    public const string Postgres = "postgres";
}
