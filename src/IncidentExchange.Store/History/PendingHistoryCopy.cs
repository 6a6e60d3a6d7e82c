namespace IncidentExchange.Store.History;

/// <summary>A history copy in the outbox, with the number the outbox gave it (increasing in the order of appending).</summary>
public sealed record PendingHistoryCopy(long Id, HistoryCopy Copy);
