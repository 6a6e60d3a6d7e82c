using Google.Protobuf.WellKnownTypes;

namespace IncidentExchange.Core.Inbound.Payloads;

/// <summary>What a payload says of itself, for the checks every payload type gets.</summary>
/// <param name="Sender">The node the payload names as its sender; it must be the envelope's signer (step 9).</param>
/// <param name="Errors">Every rule of its type it breaks, one sentence each; empty if it keeps them (step 10).</param>
/// <param name="IssuedAt">When it was issued: the signing key must be valid then (step 11).</param>
public sealed record PayloadClaims(string Sender, IReadOnlyList<string> Errors, Timestamp IssuedAt);
