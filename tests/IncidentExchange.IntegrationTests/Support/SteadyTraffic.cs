using System.Collections.Concurrent;
using Grpc.Core;
using IncidentExchange.Contracts.V1;

namespace IncidentExchange.IntegrationTests.Support;

/// <summary>
/// Valid notices published at a steady pace in the background, as a CERT keeps working while something goes
/// wrong elsewhere. Records each notice the gateway confirmed and when; a publish the gateway refuses (its
/// broker away) is retried with the same id, as a real client would, so a confirmed notice is never lost.
/// </summary>
public sealed class SteadyTraffic : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, DateTime> _confirmed = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _refusals;

    private SteadyTraffic(Func<IncidentGateway.IncidentGatewayClient> client, string label, TimeSpan interval)
    {
        _loop = Task.Run(async () =>
        {
            for (var i = 1; !_stop.IsCancellationRequested; i++)
            {
                var draft = Drafts.Broadcast($"{label} {i}");
                draft.NoticeId = Guid.CreateVersion7().ToString("D");
                await PublishUntilConfirmedAsync(client, draft);
                await Task.Delay(interval, CancellationToken.None);
            }
        });
    }

    /// <summary>Notices the gateway confirmed, with the time it confirmed each (UTC).</summary>
    public IReadOnlyDictionary<string, DateTime> Confirmed => _confirmed;

    /// <summary>Publish attempts the gateway refused (and that were retried).</summary>
    public int Refusals => Volatile.Read(ref _refusals);

    /// <summary>Starts publishing through whatever <paramref name="client"/> returns at each call (it may change on restarts).</summary>
    public static SteadyTraffic Start(Func<IncidentGateway.IncidentGatewayClient> client, string label, TimeSpan interval) => new(client, label, interval);

    /// <summary>Stops after the notice in flight; returns what was confirmed.</summary>
    public async Task<IReadOnlyDictionary<string, DateTime>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop.WaitAsync(TimeSpan.FromMinutes(3));
        return _confirmed;
    }

    private async Task PublishUntilConfirmedAsync(Func<IncidentGateway.IncidentGatewayClient> client, IncidentNotice draft)
    {
        // Once started, a notice is retried until confirmed even when stopping: stopping must not leave it half-sent.
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await client().PublishAsync(Drafts.Request(draft), deadline: DateTime.UtcNow.AddSeconds(30));
                _confirmed[draft.NoticeId] = DateTime.UtcNow;
                return;
            }
            catch (Exception ex) when (ex is RpcException or ObjectDisposedException or InvalidOperationException)
            {
                Interlocked.Increment(ref _refusals);
                await Task.Delay(250, CancellationToken.None);
            }
        }

        throw new TimeoutException($"Notice {draft.NoticeId} was not confirmed within 3 minutes.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }
}
