namespace IncidentExchange.Store.Dedup;

/// <summary>
/// One alert the inbox accepted: (origin, notice id, revision), or for a communication check (origin, check id, 0):
/// revision 0 is never a notice's. <paramref name="Reminder"/> marks the one re-showing of a critical notice.
/// </summary>
public sealed record DedupKey(string Origin, string Id, uint Revision, bool Reminder = false);
