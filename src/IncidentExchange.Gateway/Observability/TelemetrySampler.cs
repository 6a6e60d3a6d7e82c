using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Federation;
using IncidentExchange.Gateway.Subscriptions;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Gateway.Observability;

/// <summary>
/// Reads federation link states and subscription backlogs from the broker's management API in the background, so
/// a scrape never waits on the broker (and a broker that is away leaves the last reading, logged once).
/// </summary>
public sealed partial class TelemetrySampler(PeerLinks links, DurableSubscriptions subscriptions, GatewayMetrics metrics, IOptions<NodeOptions> options, ILogger<TelemetrySampler> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Telemetry.SampleInterval);
        var failing = false;
        do
        {
            try
            {
                var states = await links.GetAsync(stoppingToken);
                var backlogs = await subscriptions.ListAsync(stoppingToken);
                metrics.Sampled(
                    states.ToDictionary(s => s.Key, s => s.Value == LinkState.Running),
                    backlogs.ToDictionary(b => b.Name, b => (long)b.Pending));
                failing = false;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever the management API answered (away, an error page, an unexpected shape): the gauges keep
                // their last reading, and a sampler must never stop the gateway (a failed background service would).
                if (!failing)
                {
                    LogSampleFailed(logger, ex.Message);
                }

                failing = true;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot read link states and subscription backlogs for the metrics (keeping the last reading): {Reason}")]
    private static partial void LogSampleFailed(ILogger logger, string reason);
}
