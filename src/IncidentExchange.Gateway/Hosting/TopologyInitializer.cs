using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Health;
using IncidentExchange.Messaging;
using IncidentExchange.Messaging.Federation;
using IncidentExchange.Messaging.Publishing;
using IncidentExchange.Messaging.Topology;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Gateway.Hosting;

/// <summary>
/// Declares the node's exchange, quarantine queue and history stream at start and makes its broker federate the
/// exchange from every peer. If the broker is not up yet, the gateway starts anyway (health
/// reports it) and this keeps trying with backoff.
/// </summary>
public sealed class TopologyInitializer(
    BrokerConnection connection,
    FederationTopology federation,
    TopologyState state,
    IOptions<BrokerOptions> broker,
    IOptions<NodeOptions> node,
    ILogger<TopologyInitializer> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _retries = Task.CompletedTask;
    private Task _historyRetries = Task.CompletedTask;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The first attempt is awaited so that, normally, the inbox binds to an exchange that already exists.
        if (!await TryDeclareAsync(cancellationToken))
        {
            _retries = RetryAsync(_stopping.Token);
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _retries.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        await _historyRetries.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();

    private async Task RetryAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(delay, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            if (cancellationToken.IsCancellationRequested || await TryDeclareAsync(cancellationToken))
            {
                return;
            }

            delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
        }
    }

    // A history stream created with other retention is kept as it is (its data matters more than the setting). False
    // if the broker cannot give it now: right after a broker restart a stream answers "home node down" for a few seconds.
    private async Task<bool> DeclareHistoryAsync(CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateAdminChannelAsync(cancellationToken);
        try
        {
            await HistoryLog.DeclareAsync(channel, node.Value.NodeId, broker.Value, cancellationToken);
            return true;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 406)
        {
            logger.LogWarning("The history stream {Queue} exists with other retention than Incx:Broker:HistoryMaxAge/HistoryMaxBytes; its own settings stay in force. Change them with a broker policy.", NodeQueues.History(node.Value.NodeId));
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Federation and alerts matter more than the audit copy: they go on, and this keeps trying.
            logger.LogError("Cannot declare the history stream {Queue} yet ({Reason}); retrying. Meanwhile this node's history misses what it sends and receives (incx replay --check finds received notices again).", NodeQueues.History(node.Value.NodeId), ex.GetBaseException().Message);
            return false;
        }
    }

    private async Task RetryHistoryAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(delay, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            if (cancellationToken.IsCancellationRequested || await DeclareHistoryAsync(cancellationToken).ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default))
            {
                logger.LogInformation("The history stream {Queue} is available.", NodeQueues.History(node.Value.NodeId));
                return;
            }

            delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
        }
    }

    private async Task<bool> TryDeclareAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var channel = await connection.CreateAdminChannelAsync(cancellationToken);
            await TopologyDeclarer.DeclareAsync(channel, node.Value.NodeId, broker.Value, cancellationToken);
            if (!await DeclareHistoryAsync(cancellationToken))
            {
                _historyRetries = RetryHistoryAsync(_stopping.Token);
            }
            var peers = node.Value.Peers.Select(p => new FederationPeer(p.Node, p.AmqpUri!)).ToArray();
            await federation.ApplyAsync(node.Value.NodeId, peers, broker.Value, cancellationToken);
            state.Applied();
            logger.LogInformation("Declared the topology of node {Node}, federated from {Peers}", node.Value.NodeId, peers.Length == 0 ? "no peers" : string.Join(", ", peers.Select(p => p.Node)));
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            state.Failed(ex.GetBaseException().Message);
            logger.LogWarning("Cannot declare the node's topology yet ({Reason}); retrying", ex.GetBaseException().Message);
            return false;
        }
    }
}
