using IncidentExchange.Contracts.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IncidentExchange.Gateway.Federation;

/// <summary>Healthy while the federation link to one peer runs; published as gRPC health service <c>incx.v1.peer.&lt;node&gt;</c>.</summary>
public sealed class PeerLinkHealthCheck(PeerLinks links, string peer) : IHealthCheck
{
    /// <summary>Tag every peer-link check carries, so the node's overall health ignores them.</summary>
    public const string Tag = "peer-link";

    /// <summary>gRPC health service name for <paramref name="peer"/>.</summary>
    public static string ServiceName(string peer) => "incx.v1.peer." + peer;

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = (await links.GetAsync(cancellationToken)).GetValueOrDefault(peer, LinkState.Unknown);
        return state == LinkState.Running
            ? HealthCheckResult.Healthy($"The federation link from {peer} is running.")
            : HealthCheckResult.Unhealthy($"The federation link from {peer} is {state.ToString().ToLowerInvariant()}.");
    }
}
