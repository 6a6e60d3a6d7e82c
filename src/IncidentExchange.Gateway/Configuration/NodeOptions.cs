namespace IncidentExchange.Gateway.Configuration;

/// <summary>Who this node is and whom it trusts. Section <c>Incx</c>.</summary>
public sealed class NodeOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Incx";

    /// <summary>This node's id, e.g. <c>ee</c>.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>Path of this node's private key file (<c>incx keys generate</c> writes it; mode 0600).</summary>
    public string KeyFile { get; set; } = "";

    /// <summary>
    /// Folder for the node's local state: the publication ledger (<c>published.log</c>), the delivery and check books
    /// (<c>deliveries.log</c>, <c>checks.log</c>), history copies not yet confirmed by the broker
    /// (<c>history.journal</c>), every accepted contact record (<c>directory/</c>) and the keys made by rotations
    /// (<c>keys/</c>). One gateway at a time: the ledger opens <c>published.log</c> exclusively.
    /// </summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>Public keys of other nodes, pinned out of band. This node's own key is always trusted.</summary>
    public List<TrustedKeyOptions> TrustedKeys { get; set; } = [];

    /// <summary>Peer nodes whose brokers this node's broker federates from (a full mesh lists every other node).</summary>
    public List<PeerOptions> Peers { get; set; } = [];

    /// <summary>
    /// Who may use this gateway's API: client name → token hash and roles. Names are case-insensitive
    /// in configuration (as every .NET configuration key). At least one client is required.
    /// </summary>
    public Dictionary<string, ClientOptions> Clients { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Named groups of nodes (this node and its peers) that notices can be addressed to, e.g. <c>eu: [ee, fr]</c>.</summary>
    public Dictionary<string, List<string>> Communities { get; set; } = [];

    /// <summary>Most notices kept in memory to suppress duplicate deliveries (broker redeliveries, re-sent envelopes).</summary>
    public int DeduplicationWindow { get; set; } = 100_000;

    /// <summary>Alerts buffered per live subscriber; a subscriber that falls this far behind is disconnected.</summary>
    public int SubscriberBuffer { get; set; } = 1_000;

    /// <summary>The points-of-contact directory: re-announcing and key rotation. Section <c>Incx:Directory</c>.</summary>
    public DirectoryOptions Directory { get; set; } = new();

    /// <summary>Durable subscriptions of crisis contact points. Section <c>Incx:Subscriptions</c>.</summary>
    public SubscriptionOptions Subscriptions { get; set; } = new();

    /// <summary>
    /// Allows plaintext (http, amqp) to hosts other than loopback: only for a private network such as a container
    /// network, never across borders. Off by default.
    /// </summary>
    public bool AllowPlaintext { get; set; }

    /// <summary>Metrics (Prometheus) and traces (OTLP). Section <c>Incx:Telemetry</c>.</summary>
    public TelemetryOptions Telemetry { get; set; } = new();

    /// <summary>Early warning for this node's critical notices. Section <c>Incx:Alerts</c>.</summary>
    public AlertOptions Alerts { get; set; } = new();
}
