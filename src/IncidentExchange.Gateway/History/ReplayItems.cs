using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Inbound;
using IncidentExchange.Gateway.Inbound;

namespace IncidentExchange.Gateway.History;

/// <summary>Turns a stored envelope into a replay item: verified again, payload parsed, where and when it was stored.</summary>
public static class ReplayItems
{
    /// <summary>The item for <paramref name="entry"/>, checked by <paramref name="inspector"/> (a historical one), shown as <paramref name="payloads"/> says.</summary>
    public static ReplayItem From(StoredEntry entry, EnvelopeInspector inspector, PayloadTable payloads)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(inspector);
        ArgumentNullException.ThrowIfNull(payloads);
        var result = inspector.Inspect(entry.Body);
        var rejected = result as InspectionResult.Rejected;
        var item = new ReplayItem
        {
            Offset = entry.Offset,
            StoredAt = Timestamp.FromDateTimeOffset(entry.StoredAt),
            Direction = entry.Direction == HistoryRecorder.Sent ? Direction.Sent : entry.Direction == HistoryRecorder.Received ? Direction.Received : Direction.Unspecified,
            Envelope = ByteString.CopyFrom(entry.Body),
            PayloadType = result.Envelope?.PayloadType ?? entry.PayloadType,
            Signer = result.Envelope?.Signer ?? "",
            Verification = new Verification { Verified = rejected is null, Reason = rejected?.Reason.Slug() ?? "", Detail = rejected?.Detail ?? "" },
        };

        // Shown even when it no longer verifies: the operator must see what failed, and why.
        if (result.Envelope is { } envelope && payloads.Find(envelope.PayloadType) is { Replay: { } replay } binding)
        {
            try
            {
                replay.Show(item, result is InspectionResult.Accepted accepted ? accepted.Payload : binding.Rules.Parse(envelope.Payload));
            }
            catch (InvalidProtocolBufferException)
            {
                // The verification already says malformed-payload.
            }
        }

        return item;
    }
}
