using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Benchmarks;

/// <summary>
/// incx end to end: notices published over gRPC at gateway A, signed, confirmed, federated, verified at
/// gateway B and delivered to a gRPC subscriber there.
/// </summary>
internal static class IncxEndToEnd
{
    public static async Task<RunResult> RunAsync(LocalSet set, int count, int? ratePerSecond, CancellationToken cancellationToken, IReadOnlyList<(string Name, int Pid)>? measured = null)
    {
        using var channelA = set.OpenGateway(1);
        using var channelB = set.OpenGateway(2);
        var publisher = new IncidentGateway.IncidentGatewayClient(channelA);
        var subscriber = new IncidentGateway.IncidentGatewayClient(channelB);

        var sentAt = new ConcurrentDictionary<string, long>();
        var latencies = new Latencies();
        var done = new TaskCompletionSource();
        long lastReceived = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var call = subscriber.Subscribe(new SubscribeRequest(), cancellationToken: stop.Token);
        await call.ResponseHeadersAsync;
        var reader = Task.Run(async () =>
        {
            try
            {
                await foreach (var alert in call.ResponseStream.ReadAllAsync(stop.Token))
                {
                    var now = Stopwatch.GetTimestamp();
                    if (sentAt.TryRemove(alert.Notice.NoticeId, out var sent))
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
                        lastReceived = now;
                        if (latencies.Count == count)
                        {
                            done.TrySetResult();
                        }
                    }
                }
            }
            catch (RpcException) when (stop.IsCancellationRequested)
            {
                // Stopped after the run.
            }
        }, cancellationToken);

        // The timed window starts here, after connecting and binding; so does the CPU meter, when asked for.
        var meter = measured is null ? null : CpuMeter.Start(measured);
        var start = Stopwatch.GetTimestamp();
        if (ratePerSecond is { } rate)
        {
            for (var i = 0; i < count; i++)
            {
                await Pace.UntilAsync(start, i, rate, cancellationToken);
                var notice = Notice(i);
                sentAt[notice.NoticeId] = Stopwatch.GetTimestamp();
                await publisher.PublishAsync(new PublishRequest { Notice = notice }, cancellationToken: cancellationToken);
            }
        }
        else
        {
            for (var i = 0; i < count; i += 100)
            {
                using var batch = publisher.PublishBatch(cancellationToken: cancellationToken);
                for (var j = i; j < Math.Min(count, i + 100); j++)
                {
                    var notice = Notice(j);
                    sentAt[notice.NoticeId] = Stopwatch.GetTimestamp();
                    await batch.RequestStream.WriteAsync(new PublishRequest { Notice = notice }, cancellationToken);
                }

                await batch.RequestStream.CompleteAsync();
                await batch;
            }
        }

        await done.Task.WaitAsync(TimeSpan.FromMinutes(3), cancellationToken);
        // Read at the last receive, before closing anything, so that the window is the one the throughput covers.
        var inWindow = meter?.Read(count);
        await stop.CancelAsync();
        await reader.ContinueWith(_ => { }, TaskScheduler.Default);
        return new RunResult(count / Stopwatch.GetElapsedTime(start, lastReceived).TotalSeconds, latencies, meter, inWindow);
    }

    // About 600 bytes on the wire once signed, like the raw messages.
    public static IncidentNotice Notice(int i) => new()
    {
        NoticeId = Guid.CreateVersion7().ToString("D"),
        Title = $"Benchmark notice {i}",
        Summary = "Scanning of exposed VPN appliances from a known botnet range; block the indicators and check logs for the listed user agent string.",
        Severity = Severity.Medium,
        Tlp = Tlp.Green,
        Category = "information-gathering",
        Sectors = { "energy", "transport" },
        Indicators =
        {
            new Indicator { Type = IndicatorType.Ipv4, Value = "198.51.100.23" },
            new Indicator { Type = IndicatorType.Domain, Value = "scan.botnet.example" },
            new Indicator { Type = IndicatorType.Cve, Value = "CVE-2024-3400" },
        },
        Audience = new Audience { All = true },
    };
}
