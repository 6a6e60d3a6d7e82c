using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace IncidentExchange.Messaging.Publishing;

/// <summary>
/// One RabbitMQ.Client connection and one confirm-tracking channel for publishing, opened on first
/// use and reopened after the broker drops it. Publishing goes through RabbitMQ.Client rather than
/// MassTransit so the body and properties on the wire are exactly those of protos/README.md.
/// </summary>
public sealed class BrokerConnection(IOptions<BrokerOptions> options, ILogger<BrokerConnection> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;

    /// <summary>True while a connection to the broker is open.</summary>
    public bool IsOpen => _connection?.IsOpen == true;

    /// <summary>Returns an open publishing channel, connecting first if needed.</summary>
    public async Task<IChannel> GetChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } open)
        {
            return open;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_channel is { IsOpen: true } reopened)
            {
                return reopened;
            }

            if (_connection is not { IsOpen: true })
            {
                await DisposeConnectionAsync();
                _connection = await CreateFactory(options.Value).CreateConnectionAsync(cancellationToken);
                logger.LogInformation("Connected to broker {Endpoint}", _connection.Endpoint);
            }

            if (_channel is not null)
            {
                await _channel.DisposeAsync();
            }

            // Tracking makes BasicPublishAsync complete only when the broker confirms (or throw on nack/return).
            _channel = await _connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
                cancellationToken);
            return _channel;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Opens a short-lived channel for administrative work such as declaring topology.</summary>
    public async Task<IChannel> CreateAdminChannelAsync(CancellationToken cancellationToken)
    {
        await GetChannelAsync(cancellationToken);
        return await _connection!.CreateChannelAsync(cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Drops <paramref name="failed"/> after a failed publish, so the next attempt starts on a clean
    /// channel. A channel another caller has opened since is left alone.
    /// </summary>
    public async Task ResetChannelAsync(IChannel failed)
    {
        await _gate.WaitAsync();
        try
        {
            if (_channel is not null && ReferenceEquals(_channel, failed))
            {
                await _channel.DisposeAsync();
                _channel = null;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The channel is being thrown away; a failure to close it cleanly changes nothing.
            logger.LogDebug(ex, "Closing a failed publishing channel failed");
            _channel = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DisposeConnectionAsync();
        _gate.Dispose();
    }

    private async Task DisposeConnectionAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
            _channel = null;
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    private static ConnectionFactory CreateFactory(BrokerOptions options) => new()
    {
        Uri = options.Uri,
        ClientProvidedName = "incx-gateway-publisher",
        // Reconnecting is done here, on the next publish, so a failed attempt surfaces to the caller at once.
        AutomaticRecoveryEnabled = false,
        RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        ContinuationTimeout = options.ConfirmTimeout,
    };
}
