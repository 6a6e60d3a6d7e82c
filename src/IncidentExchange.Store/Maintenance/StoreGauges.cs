namespace IncidentExchange.Store.Maintenance;

/// <summary>The store's size and its oldest retained entries, for the node's gauges.</summary>
/// <param name="SizeBytes">Bytes the database takes (SQLite: its file without the WAL; PostgreSQL: the database).</param>
/// <param name="OldestDelivery">Publication time of the oldest notice in the delivery book, if any.</param>
/// <param name="OldestCheck">Send time of the oldest check in the check book, if any.</param>
public sealed record StoreGauges(long SizeBytes, DateTimeOffset? OldestDelivery, DateTimeOffset? OldestCheck);
