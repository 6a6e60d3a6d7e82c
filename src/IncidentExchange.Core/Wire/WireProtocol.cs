namespace IncidentExchange.Core.Wire;

/// <summary>Constants of the federation wire, as specified in protos/README.md.</summary>
public static class WireProtocol
{
    /// <summary>The durable topic exchange every node declares and federates.</summary>
    public const string ExchangeName = "incx.v1";

    /// <summary>AMQP content type of every message body (a serialised <c>incx.v1.Envelope</c>).</summary>
    public const string ContentType = "application/vnd.incx.envelope+protobuf";

    /// <summary>Domain-separation prefix of the Ed25519 signing input (no terminator; see protos/README.md).</summary>
    public const string SigningContext = "incx.v1.envelope";

    /// <summary>Largest AMQP body (serialised envelope) a node accepts, in bytes.</summary>
    public const int MaxEnvelopeBytes = 256 * 1024;

    /// <summary>AMQP header that carries the payload type, so brokers and tools can route or inspect without parsing.</summary>
    public const string PayloadTypeHeader = "incx-payload-type";

    /// <summary>
    /// Header on a re-sent message. On a contact record: <c>hello</c> (sent at start, on a link coming up, on
    /// schedule; peers answer with their own record) or <c>reply</c> (an answer, never answered). On a critical
    /// notice: <c>reminder</c> (its acknowledgement is overdue; show it again). A hint only: not signed, not trusted.
    /// </summary>
    public const string AnnouncementHeader = "incx-announcement";

    /// <summary>Value of <see cref="AnnouncementHeader"/> that asks peers to answer with their records.</summary>
    public const string AnnouncementHello = "hello";

    /// <summary>Value of <see cref="AnnouncementHeader"/> on an answer to a hello.</summary>
    public const string AnnouncementReply = "reply";

    /// <summary>Value of <see cref="AnnouncementHeader"/> on a critical notice re-sent because its acknowledgement is overdue.</summary>
    public const string AnnouncementReminder = "reminder";
}
