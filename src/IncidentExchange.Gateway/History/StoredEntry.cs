using System.Globalization;
using System.Text;
using IncidentExchange.Messaging.Topology;
using RabbitMQ.Client;

namespace IncidentExchange.Gateway.History;

/// <summary>One delivery from the history stream, copied out of the client's buffers.</summary>
public sealed record StoredEntry(ulong DeliveryTag, long Offset, byte[] Body, DateTimeOffset StoredAt, string Direction, string PayloadType, string? Signer, string? Marker)
{
    /// <summary>Reads what a history delivery carries: its offset, the envelope and the headers the recorder wrote.</summary>
    public static StoredEntry From(ulong deliveryTag, ReadOnlyMemory<byte> body, IReadOnlyBasicProperties properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var headers = properties.Headers;
        var offset = headers?.TryGetValue(HistoryLog.OffsetHeader, out var value) == true && value is long number ? number : -1;
        var storedAt = long.TryParse(Text(headers, HistoryLog.StoredAtHeader), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.FromUnixTimeSeconds(properties.Timestamp.UnixTime);
        return new StoredEntry(deliveryTag, offset, body.ToArray(), storedAt, Text(headers, HistoryLog.DirectionHeader) ?? "",
            Text(headers, Core.Wire.WireProtocol.PayloadTypeHeader) ?? "", Text(headers, HistoryLog.SignerHeader), Text(headers, HistoryLog.MarkerHeader));
    }

    private static string? Text(IDictionary<string, object?>? headers, string name) =>
        headers?.TryGetValue(name, out var value) == true && value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : null;
}
