using System.Collections.Concurrent;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Delivery;
using IncidentExchange.Messaging.Federation;
using IncidentExchange.Messaging.Publishing;
using IncidentExchange.Messaging.Topology;
using Microsoft.Extensions.Options;
using RabbitMQ.Client.Exceptions;

namespace IncidentExchange.Gateway.Subscriptions;

/// <summary>
/// The node's durable subscriptions: one priority queue each on the node's broker
/// (<c>incx.&lt;node&gt;.sub.&lt;name&gt;</c>), with its filter in the queue's arguments. The broker holds them all;
/// this class opens, lists and deletes them, says which ones an alert is for, and routes acknowledgements to
/// the connected client.
/// </summary>
public sealed class DurableSubscriptions(NodeIdentity identity, BrokerConnection connection, ManagementApi api, IOptions<NodeOptions> options)
{
    private const ushort AccessRefused = 403;
    private const ushort NotFound = 404;
    private const ushort PreconditionFailed = 406;
    private static readonly TimeSpan ManagementLag = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ListFreshness = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, SubscriptionSession?> _sessions = new(StringComparer.Ordinal);
    // Subscriptions opened here, known before the management API lists them.
    private readonly ConcurrentDictionary<string, AlertFilter> _opened = new(StringComparer.Ordinal);
    private volatile Known? _known;

    /// <summary>
    /// The queues of the subscriptions whose filter <paramref name="alert"/> matches. The list comes from the
    /// broker (read at most every 5 s) plus the subscriptions opened here; filtering when storing keeps
    /// alerts a subscription does not want out of its bounded queue.
    /// </summary>
    public async Task<IReadOnlyList<string>> MatchingQueuesAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var known = _known;
        if (known is null || DateTime.UtcNow - known.At > ListFreshness)
        {
            try
            {
                var queues = await api.ListQueuesAsync(NodeQueues.SubscriptionPrefix(identity.NodeId), cancellationToken);
                known = new Known(DateTime.UtcNow, queues.ToDictionary(q => q.Name, q => SubscriptionArguments.Filter(q.Arguments), StringComparer.Ordinal));
                _known = known;
            }
            catch (Exception ex) when (known is not null && ex is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // The management API is away: the last list still serves better than stalling the inbox.
            }
        }

        var all = new Dictionary<string, AlertFilter>(known.Filters, StringComparer.Ordinal);
        foreach (var (queue, filter) in _opened)
        {
            all.TryAdd(queue, filter);
        }

        return all.Where(q => q.Value.Matches(alert)).Select(q => q.Key).ToArray();
    }

    /// <summary>Forgets the cached list (a subscription queue was gone when an alert was stored into it).</summary>
    public void Forget(IEnumerable<string> queues)
    {
        ArgumentNullException.ThrowIfNull(queues);
        foreach (var queue in queues)
        {
            _opened.TryRemove(queue, out _);
        }

        _known = null;
    }

    /// <summary>Creates the subscription if needed and connects a client to it.</summary>
    public async Task<SubscriptionSession> OpenAsync(string name, AlertFilter requested, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requested);
        var queue = Queue(name);
        // The broker does not compare the filter arguments on a redeclaration, so they are compared here.
        var filter = await StoredFilterAsync(queue, cancellationToken) is { } stored
            ? requested.IsEmpty || Same(stored, requested) ? stored : throw Conflict(name, stored)
            : requested;

        // Reserved here: the broker's exclusive consumer guards against clients at other gateways too.
        if (!_sessions.TryAdd(name, null))
        {
            throw Taken(name);
        }

        try
        {
            var session = await ConnectAsync(name, queue, filter, cancellationToken);
            _sessions[name] = session;
            return session;
        }
        catch
        {
            _sessions.TryRemove(name, out _);
            throw;
        }
    }

    private async Task<SubscriptionSession> ConnectAsync(string name, string queue, AlertFilter filter, CancellationToken cancellationToken)
    {
        var channel = await connection.CreateAdminChannelAsync(cancellationToken);
        try
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, SubscriptionArguments.For(filter, options.Value.Subscriptions), cancellationToken: cancellationToken);
            _opened[queue] = filter;
            return await SubscriptionSession.StartAsync(name, queue, channel, filter, options.Value.SubscriberBuffer, cancellationToken);
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode is AccessRefused)
        {
            channel.Dispose();
            throw Taken(name);
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode is PreconditionFailed)
        {
            channel.Dispose();
            throw new SubscriptionRefusedException($"Subscription '{name}' was created with other Incx:Subscriptions settings (expiry or bound); delete it ('incx subscriptions delete {name}') or restore the settings.");
        }
        catch
        {
            channel.Dispose();
            throw;
        }
    }

    /// <summary>Disconnects the client; what it did not acknowledge stays pending.</summary>
    public async Task CloseAsync(SubscriptionSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        // The slot is freed only once the broker has released the consumer, so a quick reconnect is not refused.
        try
        {
            await session.DisposeAsync();
        }
        finally
        {
            _sessions.TryRemove(new KeyValuePair<string, SubscriptionSession?>(session.Name, session));
        }
    }

    /// <summary>Acknowledges alerts of <paramref name="id"/> (a notice or check id) pending at the client connected to <paramref name="name"/>.</summary>
    public Task<IReadOnlyList<Alert>> AcknowledgeAsync(string name, string id, string origin, uint revision, CancellationToken cancellationToken)
    {
        Queue(name);
        return _sessions.TryGetValue(name, out var session) && session is not null
            ? session.AcknowledgeAsync(id, origin, revision, cancellationToken)
            : throw new SubscriptionRefusedException($"No client is connected to subscription '{name}' at this gateway; acknowledge while 'incx watch --subscription {name}' runs (or use its --ack).");
    }

    /// <summary>Every durable subscription of this node.</summary>
    public async Task<IReadOnlyList<SubscriptionInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var prefix = NodeQueues.SubscriptionPrefix(identity.NodeId);
        var queues = await api.ListQueuesAsync(prefix, cancellationToken);
        return queues
            .OrderBy(q => q.Name, StringComparer.Ordinal)
            .Select(q => SubscriptionArguments.Describe(q.Name[prefix.Length..], SubscriptionArguments.Filter(q.Arguments), q.Messages, q.Consumers > 0))
            .ToArray();
    }

    /// <summary>Deletes a subscription; returns how many alerts were still pending in it.</summary>
    public async Task<uint> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var queue = Queue(name);
        if (await StoredFilterAsync(queue, cancellationToken) is null)
        {
            throw new SubscriptionNotFoundException($"There is no subscription '{name}' (never created, deleted, or expired unused).");
        }

        using var channel = await connection.CreateAdminChannelAsync(cancellationToken);
        var dropped = await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false, cancellationToken: cancellationToken);
        Forget([queue]);
        return dropped;
    }

    // Callers pass names checked against the request (SubscriptionRpcs); NodeQueues still refuses any other.
    private string Queue(string name) => NodeQueues.Subscription(identity.NodeId, name);

    // The management API lists a new queue a moment after it exists: when AMQP says it exists, wait for the listing.
    private async Task<AlertFilter?> StoredFilterAsync(string queue, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ManagementLag;
        while (true)
        {
            if ((await api.ListQueuesAsync(queue, cancellationToken)).FirstOrDefault(q => q.Name == queue) is { } found)
            {
                return SubscriptionArguments.Filter(found.Arguments);
            }

            if (!await ExistsAsync(queue, cancellationToken))
            {
                return null;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new SubscriptionRefusedException($"The broker does not report the filters of '{queue}' yet; try again in a few seconds.");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private async Task<bool> ExistsAsync(string queue, CancellationToken cancellationToken)
    {
        using var channel = await connection.CreateAdminChannelAsync(cancellationToken);
        try
        {
            await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
            return true;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == NotFound)
        {
            return false;
        }
    }

    private static SubscriptionRefusedException Taken(string name) =>
        new($"Subscription '{name}' is already being watched by another client; one client at a time.");

    private static bool Same(AlertFilter a, AlertFilter b) =>
        a.MinSeverity == b.MinSeverity && a.Categories.SetEquals(b.Categories) && a.Origins.SetEquals(b.Origins) && a.Sectors.SetEquals(b.Sectors);

    private static SubscriptionRefusedException Conflict(string name, AlertFilter stored) =>
        new($"Subscription '{name}' exists with other filters ({SubscriptionArguments.Text(stored)}); connect without filters to use them, or delete it first ('incx subscriptions delete {name}').");

    private sealed record Known(DateTime At, IReadOnlyDictionary<string, AlertFilter> Filters);
}
