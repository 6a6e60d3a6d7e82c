using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Store.Hosting;

/// <summary>
/// Applies retention in the background, every <c>Incx:Store:Retention:CompactEvery</c>: the books stay bounded by
/// configuration, not by how long the node has run. A failed round is logged and tried again at the next.
/// </summary>
internal sealed class StoreCompaction(INodeStore store, IOptions<StoreOptions> options, TimeProvider time, ILogger<StoreCompaction> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Retention.CompactEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await CompactOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; whatever is left goes at the next start's first round.
        }
    }

    private async Task CompactOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            var removed = await store.Maintenance.CompactAsync(stoppingToken);
            if (removed.Deliveries + removed.Checks > 0)
            {
                logger.LogInformation("Store retention: removed {Deliveries} delivery pages and {Checks} checks past their retention.", removed.Deliveries, removed.Checks);
            }
        }
        catch (DbException ex)
        {
            logger.LogWarning("Store retention failed, trying again in {Interval}: {Reason}", options.Value.Retention.CompactEvery, ex.Message);
        }
    }
}
