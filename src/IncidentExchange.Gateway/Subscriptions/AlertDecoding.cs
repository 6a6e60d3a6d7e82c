using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using RabbitMQ.Client;

namespace IncidentExchange.Gateway.Subscriptions;

/// <summary>
/// What the inbox puts into the node's alert exchange (the verified envelope, its receive time in a header)
/// and how a subscription turns it back into an <see cref="Alert"/>. The queue is local and written only by
/// this node after verification, so the envelope is parsed, not verified again.
/// </summary>
public static class AlertDecoding
{
    /// <summary>Header with the time the node accepted the notice, Unix milliseconds.</summary>
    public const string ReceivedAtHeader = "incx-received-at";

    /// <summary>The alert in a subscription delivery, or null if the body is not an accepted notice envelope.</summary>
    public static Alert? FromEnvelope(ReadOnlySpan<byte> body, IReadOnlyBasicProperties properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        try
        {
            var envelope = Envelope.Parser.ParseFrom(body);
            var notice = IncidentNotice.Parser.ParseFrom(envelope.Payload);
            return new Alert
            {
                Notice = notice,
                Signer = envelope.Signer,
                KeyId = envelope.KeyId,
                SignatureVerified = true,
                ReceivedAt = Timestamp.FromDateTimeOffset(ReceivedAt(properties)),
            };
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    private static DateTimeOffset ReceivedAt(IReadOnlyBasicProperties properties) =>
        properties.Headers?.TryGetValue(ReceivedAtHeader, out var value) == true && value is byte[] bytes
            && long.TryParse(Encoding.UTF8.GetString(bytes), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.UtcNow;
}
