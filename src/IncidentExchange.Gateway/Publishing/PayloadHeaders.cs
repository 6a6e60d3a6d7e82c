using IncidentExchange.Core.Wire;

namespace IncidentExchange.Gateway.Publishing;

/// <summary>AMQP headers sent with each payload type (informative only: receivers trust the signed envelope).</summary>
internal static class PayloadHeaders
{
    public static readonly IReadOnlyDictionary<string, string> Notice =
        new Dictionary<string, string> { [WireProtocol.PayloadTypeHeader] = PayloadTypes.IncidentNotice };

    public static readonly IReadOnlyDictionary<string, string> ContactRecord =
        new Dictionary<string, string> { [WireProtocol.PayloadTypeHeader] = PayloadTypes.ContactRecord };

    public static readonly IReadOnlyDictionary<string, string> Receipt =
        new Dictionary<string, string> { [WireProtocol.PayloadTypeHeader] = PayloadTypes.Receipt };

    public static readonly IReadOnlyDictionary<string, string> Check =
        new Dictionary<string, string> { [WireProtocol.PayloadTypeHeader] = PayloadTypes.CommunicationCheck };

    /// <summary>The header for any payload type.</summary>
    public static IReadOnlyDictionary<string, string> For(string payloadType) =>
        new Dictionary<string, string> { [WireProtocol.PayloadTypeHeader] = payloadType };

    /// <summary>A critical notice re-sent to a recipient whose acknowledgement is overdue.</summary>
    public static readonly IReadOnlyDictionary<string, string> NoticeReminder =
        new Dictionary<string, string> { [WireProtocol.PayloadTypeHeader] = PayloadTypes.IncidentNotice, [WireProtocol.AnnouncementHeader] = WireProtocol.AnnouncementReminder };
}
