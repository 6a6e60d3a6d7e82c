using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Crypto;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace IncidentExchange.Benchmarks;

/// <summary>
/// Replay: node B's history stream filled with signed notices from node A (as B stores them), then read twice: raw
/// (RabbitMQ.Client, a stream consumer with manual acks) and as incx replays it (gRPC, every envelope verified again),
/// sampling B's gateway memory during the replay.
/// </summary>
internal static class ReplayStage
{
    private const string History = "incx.bnb.history";
    private const string LastHeader = "incx-bench-last";

    /// <summary>Writes <paramref name="count"/> distinct notices signed with A's key into B's history.</summary>
    public static async Task FillAsync(int count, string keyFile, CancellationToken cancellationToken)
    {
        var (node, key) = KeyFiles.ReadPrivate(keyFile);
        using (key)
        {
            var sealer = new EnvelopeSealer(node, key);
            await using var connection = await new ConnectionFactory { Uri = new Uri(LocalSet.Amqp(2)) }.CreateConnectionAsync(cancellationToken);
            await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true), cancellationToken);
            var pending = new List<Task>(500);
            for (var i = 0; i < count; i++)
            {
                var notice = IncxEndToEnd.Notice(i);
                notice.Origin = node;
                notice.Sequence = (ulong)(1_000_000 + i);
                notice.Revision = 1;
                notice.Status = NoticeStatus.Open;
                notice.IssuedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
                var properties = new BasicProperties
                {
                    DeliveryMode = DeliveryModes.Persistent,
                    Headers = new Dictionary<string, object?>
                    {
                        ["incx-direction"] = "received",
                        ["incx-stored-at"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                        ["incx-payload-type"] = "incx.v1.IncidentNotice",
                    },
                };
                if (i == count - 1)
                {
                    properties.Headers[LastHeader] = "1";
                }

                pending.Add(channel.BasicPublishAsync("", History, mandatory: true, properties, sealer.Seal(notice).ToByteArray(), cancellationToken).AsTask());
                if (pending.Count == 500)
                {
                    await Task.WhenAll(pending);
                    pending.Clear();
                }
            }

            await Task.WhenAll(pending);
        }
    }

    /// <summary>Raw: entries per second reading B's history from the start up to the last filled entry, and the CPU it took.</summary>
    public static async Task<StreamRead> RawReadAsync(IReadOnlyList<(string Name, int Pid)> processes, CancellationToken cancellationToken)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(LocalSet.Amqp(2)) }.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await channel.BasicQosAsync(0, 256, false, cancellationToken);
        var done = new TaskCompletionSource();
        long read = 0;
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            read++;
            var last = delivery.BasicProperties.Headers?.ContainsKey(LastHeader) == true;
            if (read % 64 == 0 || last)
            {
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: true);
            }

            if (last)
            {
                done.TrySetResult();
            }
        };
        var meter = CpuMeter.Start(processes);
        var start = Stopwatch.GetTimestamp();
        await channel.BasicConsumeAsync(History, autoAck: false, consumerTag: "", noLocal: false, exclusive: false,
            new Dictionary<string, object?> { ["x-stream-offset"] = "first" }, consumer, cancellationToken);
        await done.Task.WaitAsync(TimeSpan.FromMinutes(3), cancellationToken);
        return new StreamRead(read / Stopwatch.GetElapsedTime(start).TotalSeconds, read, 0, meter.Read(read));
    }

    /// <summary>incx: entries per second of a verified replay of the whole history, how many failed verification, and the CPU it took.</summary>
    public static async Task<StreamRead> ReplayAsync(LocalSet set, CancellationToken cancellationToken)
    {
        using var channel = set.OpenGateway(2, new GrpcChannelOptions { MaxReceiveMessageSize = null });
        var client = new Contracts.V1.History.HistoryClient(channel);
        long items = 0, failed = 0;
        using var call = client.Replay(new ReplayRequest(), cancellationToken: cancellationToken);
        // Timed from the headers: before them the gateway asks the management API for a size estimate (progress only).
        await call.ResponseHeadersAsync;
        var meter = CpuMeter.Start(set.Processes());
        var start = Stopwatch.GetTimestamp();
        await foreach (var item in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            items++;
            failed += item.Verification.Verified ? 0 : 1;
        }

        return new StreamRead(items / Stopwatch.GetElapsedTime(start).TotalSeconds, items, failed, meter.Read(items));
    }
}

/// <summary>A read of the history: entries per second, how many, how many failed verification, the CPU per entry.</summary>
internal sealed record StreamRead(double PerSecond, long Entries, long Failed, CpuUse Cpu);
