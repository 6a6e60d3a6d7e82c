namespace IncidentExchange.Store.Contacts;

/// <summary>An accepted contact record, as the signed envelope bytes it arrived in, and when it was accepted.</summary>
public sealed record StoredRecord(string NodeId, ulong Version, byte[] Envelope, DateTimeOffset AcceptedAt);
