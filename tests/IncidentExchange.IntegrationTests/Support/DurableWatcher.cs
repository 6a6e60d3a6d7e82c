using Grpc.Core;
using IncidentExchange.Contracts.V1;

namespace IncidentExchange.IntegrationTests.Support;

/// <summary>
/// A crisis contact point's watch on a durable subscription that stays on through faults: it acknowledges each
/// alert as it is shown, and reconnects (to whatever gateway <c>client</c> returns then) when the stream breaks,
/// as <c>incx watch --subscription … --ack</c> run under a supervisor would.
/// </summary>
public sealed class DurableWatcher : IAsyncDisposable
{
    private readonly List<Alert> _received = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _reconnects;

    private DurableWatcher(Func<IncidentGateway.IncidentGatewayClient> client, string subscription)
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    using var call = client().Subscribe(new SubscribeRequest { Subscription = subscription }, cancellationToken: _stop.Token);
                    await foreach (var alert in call.ResponseStream.ReadAllAsync(_stop.Token))
                    {
                        lock (_received)
                        {
                            _received.Add(alert);
                        }

                        await client().AcknowledgeAsync(new AcknowledgeRequest
                        {
                            Subscription = subscription,
                            NoticeId = alert.Notice.NoticeId,
                            Origin = alert.Notice.Origin,
                            Revision = alert.Notice.Revision,
                            AcknowledgedBy = "fault suite",
                        }, cancellationToken: _stop.Token);
                    }
                }
                catch (Exception ex) when (!_stop.IsCancellationRequested && ex is RpcException or ObjectDisposedException or InvalidOperationException or IOException)
                {
                    // The gateway or its broker went away: reconnect, as a supervised watch would.
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (RpcException) when (_stop.IsCancellationRequested)
                {
                    return;
                }

                Interlocked.Increment(ref _reconnects);
                await Task.Delay(300, CancellationToken.None);
            }
        });
    }

    /// <summary>Every alert shown so far, first deliveries and redeliveries alike.</summary>
    public IReadOnlyList<Alert> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>How often the stream broke and the watch connected again.</summary>
    public int Reconnects => Volatile.Read(ref _reconnects);

    /// <summary>Connects (creating the subscription if needed) and keeps watching until disposed.</summary>
    public static async Task<DurableWatcher> StartAsync(Func<IncidentGateway.IncidentGatewayClient> client, string subscription)
    {
        ArgumentNullException.ThrowIfNull(client);
        // Create the subscription before anything is published, so the node keeps every later notice for it.
        using (var first = client().Subscribe(new SubscribeRequest { Subscription = subscription }))
        {
            await first.ResponseHeadersAsync.WaitAsync(TimeSpan.FromSeconds(10));
        }

        var watcher = new DurableWatcher(client, subscription);
        return watcher;
    }

    /// <summary>Waits (bounded) until every notice of <paramref name="noticeIds"/> was shown; returns those still missing.</summary>
    public Task<IReadOnlyCollection<string>> WaitForAllAsync(IEnumerable<string> noticeIds, TimeSpan timeout) =>
        Poll.ForNoticesAsync(() => Received, noticeIds, timeout);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }
}
