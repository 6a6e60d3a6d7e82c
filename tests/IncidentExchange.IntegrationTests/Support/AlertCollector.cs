using Grpc.Core;
using IncidentExchange.Contracts.V1;

namespace IncidentExchange.IntegrationTests.Support;

/// <summary>A live gRPC subscriber that records every alert it receives.</summary>
public sealed class AlertCollector : IAsyncDisposable
{
    private readonly AsyncServerStreamingCall<Alert> _call;
    private readonly List<Alert> _received = [];
    private readonly List<DateTime> _arrivals = [];
    private readonly Task _pump;

    private AlertCollector(AsyncServerStreamingCall<Alert> call)
    {
        _call = call;
        _pump = Task.Run(async () =>
        {
            try
            {
                await foreach (var alert in _call.ResponseStream.ReadAllAsync())
                {
                    lock (_received)
                    {
                        _received.Add(alert);
                        _arrivals.Add(DateTime.UtcNow);
                    }

                }
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled)
            {
                // Disposed by the test.
            }
        });
    }

    /// <summary>Every alert so far.</summary>
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

    /// <summary>Every alert so far with the time (UTC) it reached this collector.</summary>
    public IReadOnlyList<(Alert Alert, DateTime At)> ReceivedWithTimes
    {
        get
        {
            lock (_received)
            {
                return [.. _received.Zip(_arrivals)];
            }
        }
    }

    /// <summary>Subscribes and returns once the gateway has registered the subscription.</summary>
    public static async Task<AlertCollector> StartAsync(IncidentGateway.IncidentGatewayClient client, SubscribeRequest? request = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var call = client.Subscribe(request ?? new SubscribeRequest());
        await call.ResponseHeadersAsync.WaitAsync(TimeSpan.FromSeconds(10));
        // A refused subscribe is a trailers-only response: its headers arrive too, with the call already over.
        try
        {
            if (call.GetStatus() is { StatusCode: not StatusCode.OK } status)
            {
                call.Dispose();
                throw new RpcException(status);
            }
        }
        catch (InvalidOperationException)
        {
            // Still running: the subscription is registered.
        }

        return new AlertCollector(call);
    }

    /// <summary>
    /// Connects to a durable subscription, retrying (bounded) while the previous client's slot is still held:
    /// the gateway frees it only once the broker has released that client's consumer.
    /// </summary>
    public static async Task<AlertCollector> ConnectDurableAsync(IncidentGateway.IncidentGatewayClient client, SubscribeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                return await StartAsync(client, request);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition && ex.Status.Detail.Contains("already being watched", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Waits (bounded) until an alert matching <paramref name="predicate"/> has arrived (now or earlier).</summary>
    public async Task<Alert> WaitForAsync(Func<Alert, bool> predicate, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            // Alerts may arrive in any order (the inbox consumes concurrently), so look at all of them.
            if (Received.FirstOrDefault(predicate) is { } alert)
            {
                return alert;
            }

            await Task.Delay(20);
        }

        // If the stream ended early, say how: otherwise a refused or closed subscription looks like silence.
        var ended = _pump.IsFaulted ? $" The stream ended: {_pump.Exception!.InnerException!.Message}" : "";
        throw new TimeoutException($"No matching alert within {limit}; received: {string.Join(", ", Received.Select(a => a.Check?.Text ?? a.Notice.Title))}.{ended}");
    }

    /// <summary>Waits for the alert of <paramref name="noticeId"/>.</summary>
    public Task<Alert> WaitForNoticeAsync(string noticeId, TimeSpan? timeout = null) =>
        WaitForAsync(a => a.Notice?.NoticeId == noticeId, timeout);

    /// <summary>Waits for the communication check <paramref name="checkId"/>.</summary>
    public Task<Alert> WaitForCheckAsync(string checkId, TimeSpan? timeout = null) =>
        WaitForAsync(a => a.Check?.CheckId == checkId, timeout);

    public async ValueTask DisposeAsync()
    {
        _call.Dispose();
        await _pump.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
