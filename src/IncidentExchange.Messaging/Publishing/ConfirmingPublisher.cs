using IncidentExchange.Core.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace IncidentExchange.Messaging.Publishing;

/// <summary>
/// Publishes messages and returns only when the broker has confirmed them as durable.
/// Transient failures are retried with exponential backoff behind a circuit breaker; what
/// cannot be confirmed ends in <see cref="BrokerUnavailableException"/>, never in silent success.
/// </summary>
public sealed class ConfirmingPublisher
{
    private readonly BrokerConnection _connection;
    private readonly ILogger<ConfirmingPublisher> _logger;
    private readonly ResiliencePipeline _pipeline;
    private readonly string _brokerName;

    /// <summary>Creates the publisher and its resilience pipeline from <paramref name="options"/>.</summary>
    public ConfirmingPublisher(BrokerConnection connection, IOptions<BrokerOptions> options, ILogger<ConfirmingPublisher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connection = connection;
        _logger = logger;
        _brokerName = $"{options.Value.Uri.Host}:{options.Value.Uri.Port}";
        _pipeline = BuildPipeline(options.Value);
    }

    /// <summary>Publishes all <paramref name="messages"/> concurrently and waits for every confirm.</summary>
    public async Task PublishAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        try
        {
            await _pipeline.ExecuteAsync(
                async token =>
                {
                    var channel = await _connection.GetChannelAsync(token);
                    try
                    {
                        // Publishing them together lets the broker confirm a batch in one round trip.
                        await Task.WhenAll(messages.Select(m => PublishOneAsync(channel, m, token).AsTask()));
                    }
                    catch (Exception ex) when (ex is not UnroutableException and not BrokerRefusedException)
                    {
                        await _connection.ResetChannelAsync(channel);
                        throw;
                    }
                },
                cancellationToken);
        }
        catch (BrokenCircuitException ex)
        {
            throw new BrokerUnavailableException($"The broker at {_brokerName} failed repeatedly, so publishing is paused for a few seconds; this notice was not sent.", ex);
        }
        catch (Exception ex) when (ex is not UnroutableException and not BrokerRefusedException && !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(ex, "Publishing to {Broker} failed after retries", _brokerName);
            throw new BrokerUnavailableException($"The broker at {_brokerName} did not confirm the message ({Describe(ex)}); it may not have been stored.", ex);
        }
    }

    private static async ValueTask PublishOneAsync(IChannel channel, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var properties = new BasicProperties
        {
            ContentType = WireProtocol.ContentType,
            DeliveryMode = DeliveryModes.Persistent,
            MessageId = message.MessageId,
            AppId = "incx",
            Timestamp = new AmqpTimestamp(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
        };
        if (message.Priority is { } priority)
        {
            properties.Priority = priority;
        }

        if (message.Headers is { Count: > 0 })
        {
            properties.Headers = message.Headers.ToDictionary(h => h.Key, h => (object?)h.Value);
        }

        try
        {
            // mandatory: a message no queue or federation link is bound for comes back instead of vanishing.
            await channel.BasicPublishAsync(message.Exchange, message.RoutingKey, message.Mandatory, properties, message.Body, cancellationToken);
        }
        catch (PublishException ex) when (ex.IsReturn)
        {
            throw new UnroutableException(message.RoutingKey);
        }
        catch (PublishException)
        {
            throw new BrokerRefusedException(message.RoutingKey);
        }
    }

    private static ResiliencePipeline BuildPipeline(BrokerOptions options)
    {
        var transient = new PredicateBuilder()
            // Refusals (unroutable, nack) are answers, not faults: neither retried nor counted by the breaker.
            .Handle<Exception>(ex => ex is not UnroutableException and not BrokerRefusedException and not BrokenCircuitException and not OperationCanceledException || ex is TimeoutRejectedException);
        var builder = new ResiliencePipelineBuilder();
        if (options.PublishRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = options.PublishRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(200),
                UseJitter = true,
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = 0.5,
                MinimumThroughput = 5,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = options.BreakDuration,
            })
            .AddTimeout(options.ConfirmTimeout)
            .Build();
    }

    private static string Describe(Exception ex) => ex switch
    {
        TimeoutRejectedException => "no confirm within the timeout",
        BrokerUnreachableException => "it is unreachable",
        AlreadyClosedException => "the connection was closed",
        PublishException => "it refused the message",
        _ => ex.GetBaseException().Message.TrimEnd('.'),
    };
}
