using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Inbound;
using IncidentExchange.Core.Wire;

namespace IncidentExchange.Gateway.History;

/// <summary>Turns a stored envelope into a replay item: verified again, payload parsed, where and when it was stored.</summary>
public static class ReplayItems
{
    /// <summary>The item for <paramref name="entry"/>, checked by <paramref name="inspector"/> (a historical one).</summary>
    public static ReplayItem From(StoredEntry entry, EnvelopeInspector inspector)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(inspector);
        var result = inspector.Inspect(entry.Body);
        var item = new ReplayItem
        {
            Offset = entry.Offset,
            StoredAt = Timestamp.FromDateTimeOffset(entry.StoredAt),
            Direction = entry.Direction == HistoryRecorder.Sent ? Direction.Sent : entry.Direction == HistoryRecorder.Received ? Direction.Received : Direction.Unspecified,
            Envelope = ByteString.CopyFrom(entry.Body),
            PayloadType = result.Envelope?.PayloadType ?? entry.PayloadType,
            Signer = result.Envelope?.Signer ?? "",
            Verification = new Verification { Verified = result.Accepted, Reason = result.Reason?.Slug() ?? "", Detail = result.Detail ?? "" },
        };

        // Shown even when it no longer verifies: the operator must see what failed, and why.
        if (result.Envelope is { } envelope)
        {
            try
            {
                Parse(envelope, item);
            }
            catch (InvalidProtocolBufferException)
            {
                // The verification already says malformed-payload.
            }
        }

        return item;
    }

    private static void Parse(Envelope envelope, ReplayItem item)
    {
        if (envelope.PayloadType == PayloadTypes.IncidentNotice)
        {
            item.Notice = IncidentNotice.Parser.ParseFrom(envelope.Payload);
        }
        else if (envelope.PayloadType == PayloadTypes.ContactRecord)
        {
            item.Record = ContactRecord.Parser.ParseFrom(envelope.Payload);
        }
        else if (envelope.PayloadType == PayloadTypes.Receipt)
        {
            item.Receipt = Receipt.Parser.ParseFrom(envelope.Payload);
        }
        else if (envelope.PayloadType == PayloadTypes.CommunicationCheck)
        {
            item.Check = CommunicationCheck.Parser.ParseFrom(envelope.Payload);
        }
        else if (envelope.PayloadType == PayloadTypes.ResendRequest)
        {
            item.ResendRequest = ResendRequest.Parser.ParseFrom(envelope.Payload);
        }
        else if (envelope.PayloadType == PayloadTypes.ResendReply)
        {
            item.ResendReply = ResendReply.Parser.ParseFrom(envelope.Payload);
        }
    }
}
