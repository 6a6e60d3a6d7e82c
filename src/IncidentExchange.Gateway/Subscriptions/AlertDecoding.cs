using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Inbound.Payloads;
using RabbitMQ.Client;

namespace IncidentExchange.Gateway.Subscriptions;

/// <summary>
/// What the inbox puts into subscription queues (the verified envelope of a notice or check, its receive time and
/// whether it is a reminder in headers) and how a subscription turns it back into an <see cref="Alert"/>. The
/// queues are local and written only by this node after verification, so the envelope is parsed, not verified again.
/// </summary>
public static class AlertDecoding
{
    /// <summary>Header with the time the node accepted the notice, Unix milliseconds.</summary>
    public const string ReceivedAtHeader = "incx-received-at";

    /// <summary>Header on a copy stored because the origin re-alerted (value <c>1</c>).</summary>
    public const string ReminderHeader = "incx-reminder";

    /// <summary>The alert in a subscription delivery, or null if the body is not an accepted envelope.</summary>
    public static Alert? FromEnvelope(ReadOnlySpan<byte> body, IReadOnlyBasicProperties properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        try
        {
            var envelope = Envelope.Parser.ParseFrom(body);
            if (PayloadRegistry.Default.Find(envelope.PayloadType)?.Parse(envelope.Payload) is not { } payload
                || Of(envelope, payload, ReceivedAt(properties)) is not { } alert)
            {
                return null;
            }

            alert.Reminder = Header(properties, ReminderHeader) == "1";
            return alert;
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    /// <summary>
    /// The alert of an accepted notice or communication check in <paramref name="envelope"/>: the payload, who signed it
    /// with which key, when this node accepted it. Null for any other payload: only notices and checks are alerts.
    /// </summary>
    public static Alert? Of(Envelope envelope, IMessage payload, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var alert = new Alert
        {
            Signer = envelope.Signer,
            KeyId = envelope.KeyId,
            SignatureVerified = true,
            ReceivedAt = Timestamp.FromDateTimeOffset(receivedAt),
        };
        switch (payload)
        {
            case IncidentNotice notice:
                alert.Notice = notice;
                return alert;
            case CommunicationCheck check:
                alert.Check = check;
                return alert;
            default:
                return null;
        }
    }

    /// <summary>The key that identifies what an alert is about: (origin, notice id, revision), or (origin, check id, 0).</summary>
    public static (string Origin, string Id, uint Revision) Key(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.Check is { } check ? (check.Origin, check.CheckId, 0u) : (alert.Notice.Origin, alert.Notice.NoticeId, alert.Notice.Revision);
    }

    private static DateTimeOffset ReceivedAt(IReadOnlyBasicProperties properties) =>
        long.TryParse(Header(properties, ReceivedAtHeader), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.UtcNow;

    private static string? Header(IReadOnlyBasicProperties properties, string name) =>
        properties.Headers?.TryGetValue(name, out var value) == true && value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : null;
}
