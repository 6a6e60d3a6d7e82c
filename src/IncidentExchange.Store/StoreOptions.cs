namespace IncidentExchange.Store;

/// <summary>Where a node keeps its state. Section <c>Incx:Store</c>.</summary>
public sealed class StoreOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Incx:Store";

    /// <summary>The node's data folder key (<c>Incx:DataDirectory</c>), in which the SQLite file lives unless <see cref="SqlitePath"/> says otherwise.</summary>
    public const string DataDirectoryKey = "Incx:DataDirectory";

    /// <summary>The SQLite file's name in the data folder.</summary>
    public const string SqliteFileName = "incx.db";

    /// <summary><c>sqlite</c> (default: one file, one gateway per node) or <c>postgres</c> (one database shared by every gateway of the node).</summary>
    public string Provider { get; set; } = StoreProviders.Sqlite;

    /// <summary>PostgreSQL only: an Npgsql connection string, e.g. <c>Host=db;Database=incx;Username=incx;Password=…</c>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>SQLite only: the database file. Default <c>&lt;Incx:DataDirectory&gt;/incx.db</c>.</summary>
    public string SqlitePath { get; set; } = "";

    /// <summary>How long the books keep their pages. Section <c>Incx:Store:Retention</c>.</summary>
    public RetentionOptions Retention { get; set; } = new();
}
