using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Messaging;
using IncidentExchange.Messaging.Publishing;
using IncidentExchange.Messaging.Topology;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Gateway.Hosting;

/// <summary>
/// Declares the node's exchange and quarantine queue at start. If the broker is not up yet, the
/// gateway starts anyway (health reports it) and this keeps trying with backoff.
/// </summary>
public sealed class TopologyInitializer(
    BrokerConnection connection,
    IOptions<BrokerOptions> broker,
    IOptions<NodeOptions> node,
    ILogger<TopologyInitializer> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _retries = Task.CompletedTask;

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

    private async Task<bool> TryDeclareAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var channel = await connection.CreateAdminChannelAsync(cancellationToken);
            await TopologyDeclarer.DeclareAsync(channel, node.Value.NodeId, broker.Value, cancellationToken);
            logger.LogInformation("Declared the exchange and quarantine queue of node {Node}", node.Value.NodeId);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Cannot declare the node's topology yet ({Reason}); retrying", ex.GetBaseException().Message);
            return false;
        }
    }
}
