using System.Buffers.Binary;
using System.Diagnostics;
using IncidentExchange.Core.Wire;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace IncidentExchange.Benchmarks;

/// <summary>
/// The limit: RabbitMQ.Client publishing 600-byte persistent messages with publisher confirms on
/// broker A, carried by the same federation to broker B, consumed there with manual acks.
/// </summary>
internal static class RawFederated
{
    private const string RoutingKey = "bench.raw";
    private const int BodyBytes = 600;

    public static async Task<RunResult> RunAsync(int count, int? ratePerSecond, CancellationToken cancellationToken, IReadOnlyList<(string Name, int Pid)>? measured = null)
    {
        await using var consumerConnection = await new ConnectionFactory { Uri = new Uri(LocalSet.Amqp(2)) }.CreateConnectionAsync(cancellationToken);
        await using var consumerChannel = await consumerConnection.CreateChannelAsync(cancellationToken: cancellationToken);
        var queue = (await consumerChannel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken)).QueueName;
        // Binding on B's federated exchange propagates to A's link queue, as notice.<node> bindings do.
        await consumerChannel.QueueBindAsync(queue, WireProtocol.ExchangeName, RoutingKey, cancellationToken: cancellationToken);
        await consumerChannel.BasicQosAsync(0, 200, false, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);

        var latencies = new Latencies();
        var done = new TaskCompletionSource();
        long lastReceived = 0;
        var consumer = new AsyncEventingBasicConsumer(consumerChannel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var sent = BinaryPrimitives.ReadInt64LittleEndian(delivery.Body.Span);
            var now = Stopwatch.GetTimestamp();
            latencies.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
            lastReceived = now;
            await consumerChannel.BasicAckAsync(delivery.DeliveryTag, false);
            if (latencies.Count == count)
            {
                done.TrySetResult();
            }
        };
        await consumerChannel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken);

        await using var publisherConnection = await new ConnectionFactory { Uri = new Uri(LocalSet.Amqp(1)) }.CreateConnectionAsync(cancellationToken);
        await using var publisher = await publisherConnection.CreateChannelAsync(new CreateChannelOptions(true, true), cancellationToken);
        var properties = new BasicProperties { DeliveryMode = DeliveryModes.Persistent, ContentType = "application/octet-stream" };
        // The timed window starts here, after connecting and binding; so does the CPU meter, when asked for.
        var meter = measured is null ? null : CpuMeter.Start(measured);
        var start = Stopwatch.GetTimestamp();
        var pending = new List<Task>();
        for (var i = 0; i < count; i++)
        {
            if (ratePerSecond is { } rate)
            {
                await Pace.UntilAsync(start, i, rate, cancellationToken);
            }

            var body = new byte[BodyBytes];
            BinaryPrimitives.WriteInt64LittleEndian(body, Stopwatch.GetTimestamp());
            pending.Add(publisher.BasicPublishAsync(WireProtocol.ExchangeName, RoutingKey, mandatory: false, properties, body, cancellationToken).AsTask());
            // Saturation: keep up to 100 confirms outstanding, as a batch publish does.
            if (pending.Count == 100 || ratePerSecond is not null)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending);
        await done.Task.WaitAsync(TimeSpan.FromMinutes(3), cancellationToken);
        // Read at the last receive, before closing anything, so that the window is the one the throughput covers.
        var inWindow = meter?.Read(count);
        return new RunResult(count / Stopwatch.GetElapsedTime(start, lastReceived).TotalSeconds, latencies, meter, inWindow);
    }
}
