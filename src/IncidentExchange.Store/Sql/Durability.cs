namespace IncidentExchange.Store.Sql;

/// <summary>What a committed write must survive before the commit returns.</summary>
internal enum Durability
{
    /// <summary>
    /// The ledger, the directory, keys, subscriptions, migrations: low in rate, and losing one after the broker saw it
    /// breaks a rule (a sequence number handed out twice, a record version with two contents). Synced to disk.
    /// </summary>
    PowerCut,

    /// <summary>
    /// The books, the dedup window, the outbox: thousands a second at a busy origin. They survive a crash or kill of
    /// the gateway; a power cut (SQLite) or a database server crash (PostgreSQL) may lose the last fraction of a second
    /// of them, never the database's consistency. That is what the log files they replace kept, too.
    /// </summary>
    Crash,
}
