namespace IncidentExchange.Store.Deliveries;

/// <summary>A recipient that has not acknowledged a critical notice within the deadline, and the notice's signed envelope.</summary>
public sealed record OverdueRecipient(string NoticeId, uint Revision, string NodeId, byte[] Envelope);
