using System.Threading.Channels;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Federation;
using IncidentExchange.Gateway.Health;
using IncidentExchange.Messaging;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Gateway.Contacts;

/// <summary>
/// Keeps this node's record in front of its peers. It publishes the first record when the node has none,
/// then sends the current one again: at start, whenever a federation link comes up (a peer that was away
/// or joined late can hear us again), the first time a peer is heard from after this gateway started
/// (that peer may be new or have restarted without its data), and every
/// <see cref="DirectoryOptions.AnnounceInterval"/>. Receivers drop copies of a record they hold, so
/// repeating costs a few hundred bytes and nothing else.
/// </summary>
public sealed class DirectoryAnnouncer(
    OwnRecordPublisher own,
    ContactBook book,
    PeerLinks links,
    TopologyState topology,
    IOptions<NodeOptions> options,
    TimeProvider time,
    ILogger<DirectoryAnnouncer> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(2);
    private readonly Channel<string> _requests = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        book.PeerHeard += RequestAnnouncement;
        try
        {
            await RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            book.PeerHeard -= RequestAnnouncement;
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var due = true;
        var nextScheduled = time.GetUtcNow();
        var running = new HashSet<string>(StringComparer.Ordinal);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (topology.Problem is null)
            {
                var states = await links.GetAsync(stoppingToken);
                var nowRunning = states.Where(s => s.Value == LinkState.Running).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
                due |= nowRunning.Except(running).Any();
                running = nowRunning;
                if (due || time.GetUtcNow() >= nextScheduled)
                {
                    due = !await TryAnnounceAsync(stoppingToken);
                    nextScheduled = time.GetUtcNow() + options.Value.Directory.AnnounceInterval;
                }
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            wait.CancelAfter(Tick);
            try
            {
                var reason = await _requests.Reader.ReadAsync(wait.Token);
                logger.LogDebug("Announcing this node's record again: {Reason}.", reason);
                due = true;
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The tick passed without a request.
            }
        }
    }

    private async Task<bool> TryAnnounceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await own.EnsureRecordAsync(stoppingToken);
            await own.AnnounceAsync(stoppingToken);
            return true;
        }
        catch (Exception ex) when (ex is BrokerUnavailableException or UnroutableException or BrokerRefusedException)
        {
            // Right after start the inbox may not be bound yet (unroutable); the next tick tries again.
            logger.LogDebug("Could not announce this node's record yet: {Reason}", ex.Message);
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Anything else (a full disk, a bug) must not stop the gateway: a failed background service stops the host.
            logger.LogError(ex, "Could not announce this node's record; trying again in {Tick}.", Tick);
            return false;
        }
    }

    private void RequestAnnouncement(string peer) => _requests.Writer.TryWrite($"first record from {peer} since start");
}
