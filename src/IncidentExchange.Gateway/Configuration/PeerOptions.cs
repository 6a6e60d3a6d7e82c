namespace IncidentExchange.Gateway.Configuration;

/// <summary>A peer national node this node federates with.</summary>
public sealed class PeerOptions
{
    /// <summary>The peer's node id, e.g. <c>fr</c>.</summary>
    public string Node { get; set; } = "";

    /// <summary>AMQP URI of the peer's broker, as this node's broker reaches it (becomes a federation upstream).</summary>
    public Uri? AmqpUri { get; set; }
}
