using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IncidentExchange.Gateway.Health;

/// <summary>Healthy once the exchange, quarantine queue and federation upstreams are in place.</summary>
public sealed class TopologyHealthCheck(TopologyState state) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.Problem is { } problem ? HealthCheckResult.Unhealthy(problem) : HealthCheckResult.Healthy("The node's topology is applied."));
}
