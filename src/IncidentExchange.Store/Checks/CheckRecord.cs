namespace IncidentExchange.Store.Checks;

/// <summary>The check book's page for one check: what was sent and what each target answered (targets in ordinal order).</summary>
public sealed record CheckRecord(string CheckId, DateTimeOffset SentAt, TimeSpan Timeout, string Text, IReadOnlyList<CheckTargetRecord> Targets);
