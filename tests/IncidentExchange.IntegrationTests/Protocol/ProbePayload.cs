using System.Collections.Concurrent;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Inbound;
using IncidentExchange.Core.Inbound.Payloads;
using IncidentExchange.Gateway.Inbound;

namespace IncidentExchange.IntegrationTests.Protocol;

/// <summary>
/// A throw-away payload type that exists only in this test project: a "probe", carried as a well-known
/// <c>google.protobuf.Struct</c> with the fields <c>origin</c> (string), <c>to</c> (list of node ids), <c>issued_at</c>
/// (RFC 3339) and <c>text</c>. Everything the type needs is in this file: its rules here, its handler below.
/// </summary>
/// <remarks>
/// §10's reason slugs are a closed list (a new payload type of the protocol adds its own <c>invalid-...</c> to
/// <see cref="RejectionReason"/>); this throw-away type borrows <c>invalid-check</c>.
/// </remarks>
public sealed class ProbeRules() : PayloadRules<Struct>("probe", "a probe whose origin is", RejectionReason.InvalidCheck)
{
    public override PayloadClaims Claims(Struct payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var errors = new List<string>();
        var origin = Text(payload, "origin");
        if (origin is null)
        {
            errors.Add("origin must be a string.");
        }

        if (To(payload).Count == 0)
        {
            errors.Add("to must list at least one node.");
        }

        var issuedAt = IssuedAt(payload);
        if (issuedAt is null)
        {
            errors.Add("issued_at must be an RFC 3339 time.");
        }

        return new PayloadClaims(origin ?? "", errors, issuedAt ?? new Timestamp());
    }

    public override string? NotAddressed(Struct payload, string localNodeId) =>
        To(payload).Contains(localNodeId) ? null : $"The probe is addressed to {string.Join(", ", To(payload))}, not to this node ('{localNodeId}').";

    private static string? Text(Struct probe, string field) =>
        probe.Fields.TryGetValue(field, out var value) && value.KindCase == Value.KindOneofCase.StringValue ? value.StringValue : null;

    private static List<string> To(Struct probe) =>
        probe.Fields.TryGetValue("to", out var value) && value.KindCase == Value.KindOneofCase.ListValue
            ? value.ListValue.Values.Where(v => v.KindCase == Value.KindOneofCase.StringValue).Select(v => v.StringValue).ToList()
            : [];

    private static Timestamp? IssuedAt(Struct probe) =>
        DateTimeOffset.TryParse(Text(probe, "issued_at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? Timestamp.FromDateTimeOffset(at) : null;
}

/// <summary>What a node does with an accepted probe: keeps it in its history (the receive path's shared step) and here, for the test to see.</summary>
public sealed class ProbeHandler(InboundHistory history) : PayloadHandler<Struct>
{
    public ConcurrentQueue<Struct> Received { get; } = new();

    public override async Task HandleAsync(InboundMessage message, Envelope envelope, Struct payload, CancellationToken cancellationToken)
    {
        await history.RecordAsync(message, envelope, cancellationToken);
        Received.Enqueue(payload);
    }
}
