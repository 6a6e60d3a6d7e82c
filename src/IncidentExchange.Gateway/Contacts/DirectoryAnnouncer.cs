using System.Threading.Channels;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Wire;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Federation;
using IncidentExchange.Gateway.Health;
using IncidentExchange.Messaging;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Gateway.Contacts;

/// <summary>
/// Keeps this node's record in front of its peers. It publishes the first record when the node has none,
/// then sends the current one again as a <c>hello</c> at start and whenever a federation link comes up; peers
/// answer a hello with their own record as a <c>reply</c>, and a reply is never answered, so announcements
/// cannot ping-pong. Every <see cref="DirectoryOptions.AnnounceInterval"/> it also sends it as a reply (asking
/// for nothing), for peers that missed everything else. A node that joins late
/// (or lost its copies of the peers' records) thus hears from every peer within seconds of its hello.
/// Receivers drop copies of a record they hold, so repeating costs a few hundred bytes.
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
    // Capacity 1: however many hellos arrive within a tick, they are answered by one reply.
    private readonly Channel<string> _replyRequests = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        book.PeerHeard += RequestReply;
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
            book.PeerHeard -= RequestReply;
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var helloDue = true;
        var replyDue = false;
        var nextScheduled = time.GetUtcNow();
        var running = new HashSet<string>(StringComparer.Ordinal);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (topology.Problem is null)
                {
                    var states = await links.GetAsync(stoppingToken);
                    var nowRunning = states.Where(s => s.Value == LinkState.Running).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
                    helloDue |= nowRunning.Except(running).Any();
                    running = nowRunning;
                    // The scheduled re-send asks for nothing in return: N nodes, N messages per interval.
                    var scheduled = time.GetUtcNow() >= nextScheduled;
                    if (helloDue || replyDue || scheduled)
                    {
                        // A hello also answers whoever asked: peers receive the record either way.
                        var sent = await TryAnnounceAsync(helloDue ? WireProtocol.AnnouncementHello : WireProtocol.AnnouncementReply, stoppingToken);
                        if (sent)
                        {
                            nextScheduled = time.GetUtcNow() + options.Value.Directory.AnnounceInterval;
                        }

                        helloDue &= !sent;
                        replyDue &= !sent;
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Nothing here may stop the gateway: a failed background service stops the host.
                logger.LogError(ex, "The directory announcer failed; trying again in {Tick}.", Tick);
            }

            replyDue |= await WaitForReplyRequestOrTickAsync(stoppingToken);
        }
    }

    // True if a peer's hello arrived before the tick passed.
    private async Task<bool> WaitForReplyRequestOrTickAsync(CancellationToken stoppingToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        wait.CancelAfter(Tick);
        try
        {
            var reason = await _replyRequests.Reader.ReadAsync(wait.Token);
            logger.LogDebug("Answering with this node's record: {Reason}.", reason);
            return true;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The tick passed without a request.
            return false;
        }
    }

    private async Task<bool> TryAnnounceAsync(string kind, CancellationToken stoppingToken)
    {
        try
        {
            await own.EnsureRecordAsync(stoppingToken);
            await own.AnnounceAsync(kind, stoppingToken);
            return true;
        }
        catch (Exception ex) when (ex is BrokerUnavailableException or UnroutableException or BrokerRefusedException)
        {
            // Right after start the inbox may not be bound yet (unroutable); the next tick tries again.
            logger.LogDebug("Could not announce this node's record yet: {Reason}", ex.Message);
            return false;
        }
    }

    private void RequestReply(string peer) => _replyRequests.Writer.TryWrite($"hello from {peer}");
}
