using IncidentExchange.Core.Wire;

namespace IncidentExchange.Messaging.Federation;

/// <summary>Names the product gives to what it creates on a broker for federation (protos/README.md §2).</summary>
public static class FederationNames
{
    /// <summary>Every upstream the product manages starts with this; others on the broker are left alone.</summary>
    public const string UpstreamPrefix = "incx-";

    /// <summary>Policy that federates the exchange from the product's upstreams.</summary>
    public const string ExchangePolicy = "incx-federation";

    /// <summary>Policy that bounds the link queues peers create on this broker.</summary>
    public const string LinkQueuePolicy = "incx-federation-link-queues";

    /// <summary>The upstream for <paramref name="peer"/>: <c>incx-fr</c>.</summary>
    public static string Upstream(string peer) => UpstreamPrefix + NodeIds.Require(peer);

    /// <summary>The peer an upstream name stands for, or null if the product does not manage it.</summary>
    public static string? PeerOf(string upstream) =>
        upstream.StartsWith(UpstreamPrefix, StringComparison.Ordinal) ? upstream[UpstreamPrefix.Length..] : null;

    /// <summary>The broker's cluster name: distinct per node, so federation can detect loops.</summary>
    public static string ClusterName(string nodeId) => "incx-" + NodeIds.Require(nodeId);
}
