using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Core.Contacts;

/// <summary>A version of a node's record that this node accepted, with the signed envelope it came in.</summary>
/// <param name="Record">The record.</param>
/// <param name="Envelope">The envelope exactly as received (or as sent, for this node's own records).</param>
/// <param name="AcceptedAt">When this node accepted it.</param>
public sealed record AcceptedRecord(ContactRecord Record, Envelope Envelope, DateTimeOffset AcceptedAt);
