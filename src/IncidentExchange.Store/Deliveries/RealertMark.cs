namespace IncidentExchange.Store.Deliveries;

/// <summary>That an overdue recipient was re-alerted at <paramref name="At"/>, or (<paramref name="Failed"/>) could not be.</summary>
public sealed record RealertMark(string NoticeId, uint Revision, string NodeId, DateTimeOffset At, bool Failed);
