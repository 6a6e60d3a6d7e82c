namespace IncidentExchange.Store.Maintenance;

/// <summary>What one compaction removed: notice revisions of the delivery book and checks of the check book.</summary>
public sealed record CompactionResult(int Deliveries, int Checks);
