using IncidentExchange.Messaging.Publishing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IncidentExchange.Gateway.Health;

/// <summary>Healthy while the gateway can open a publishing channel to its broker.</summary>
public sealed class BrokerHealthCheck(BrokerConnection connection) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await connection.GetChannelAsync(timeout.Token);
            return HealthCheckResult.Healthy("The broker is reachable.");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return HealthCheckResult.Unhealthy("The broker is unreachable; publishing fails with UNAVAILABLE until it returns.", ex);
        }
    }
}
