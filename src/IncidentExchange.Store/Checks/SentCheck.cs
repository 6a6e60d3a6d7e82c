namespace IncidentExchange.Store.Checks;

/// <summary>A communication check this node sent: its targets and how long they have to answer.</summary>
public sealed record SentCheck(string CheckId, DateTimeOffset SentAt, TimeSpan Timeout, string Text, IReadOnlyCollection<string> Targets);
