using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IncidentExchange.Testing;

namespace IncidentExchange.IntegrationTests.Support;

/// <summary>Reads message counters from a broker's own management API, to see what that broker itself held.</summary>
public static class BrokerStats
{
    /// <summary>Messages published into <paramref name="exchange"/> on <paramref name="broker"/> so far (federation links included).</summary>
    public static async Task<long> PublishedIntoAsync(RabbitBroker broker, string exchange) => await ReadPublishedIntoAsync(broker, exchange) ?? 0;

    // Null while the broker has not reported statistics for the exchange yet (a new broker, the first seconds).
    private static async Task<long?> ReadPublishedIntoAsync(RabbitBroker broker, string exchange)
    {
        using var http = ManagementClient(broker);
        var json = await http.GetFromJsonAsync<JsonObject>($"api/exchanges/%2F/{Uri.EscapeDataString(exchange)}");
        return json?["message_stats"]?["publish_in"]?.GetValue<long>();
    }

    /// <summary>
    /// The counter once it has stopped moving: the management API reports with a delay, so a value is
    /// trusted only when two reads 4 s apart agree (bounded to 30 s). Seen here: a message shows up
    /// in the counters about 3 s after it entered the exchange.
    /// </summary>
    public static async Task<long> SettledPublishedIntoAsync(RabbitBroker broker, string exchange)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var previous = await ReadPublishedIntoAsync(broker, exchange);
        while (true)
        {
            await Task.Delay(4_000);
            var current = await ReadPublishedIntoAsync(broker, exchange);
            // Two equal reports; "no statistics yet" twice is not a settled zero.
            if ((current is not null && current == previous) || DateTime.UtcNow > deadline)
            {
                return current ?? 0;
            }

            previous = current;
        }
    }

    /// <summary>Waits (bounded) until the counter reaches <paramref name="atLeast"/>; returns its value then.</summary>
    public static async Task<long> WaitForPublishedIntoAsync(RabbitBroker broker, string exchange, long atLeast, TimeSpan timeout)
    {
        long value = 0;
        await Poll.UntilAsync(async () => (value = await PublishedIntoAsync(broker, exchange)) >= atLeast, timeout, TimeSpan.FromMilliseconds(250));
        return value;
    }

    /// <summary>
    /// Waits (bounded) until <paramref name="peer"/>'s federation link no longer consumes from its link queue on
    /// <paramref name="upstream"/>: a peer that stopped is gone for its upstream only once the upstream has processed
    /// the closed connection. Until then a publish can still be delivered to the departing link, unacknowledged, where
    /// the queue's length bound does not count it. False if the link is still attached at the deadline, or if no link
    /// queue for the peer was found (then the wait would prove nothing).
    /// </summary>
    public static async Task<bool> WaitForLinkDetachedAsync(RabbitBroker upstream, string peer, TimeSpan timeout)
    {
        // The queue a link creates on its upstream: "federation: incx.v1 -> incx-<peer>" (the peer's cluster name), with
        // ":<vhost>:<exchange>" after it only where the downstream's vhost or exchange differs.
        var name = $"federation: {Core.Wire.WireProtocol.ExchangeName} -> incx-{peer}";
        // The deadline also bounds each management API call, not only the waits between them.
        using var deadline = new CancellationTokenSource(timeout);
        using var http = ManagementClient(upstream);
        try
        {
            return await Poll.UntilAsync(
                async () =>
                {
                    var queues = await http.GetFromJsonAsync<JsonArray>("api/queues", deadline.Token) ?? [];
                    var links = queues.Where(q => q?["name"]?.GetValue<string>() is { } n && (n == name || n.StartsWith(name + ":", StringComparison.Ordinal))).ToList();
                    // A queue whose statistics lack the consumer count is not known to be detached yet.
                    return links.Count > 0 && links.All(q => q?["consumers"]?.GetValue<int>() == 0);
                },
                timeout,
                TimeSpan.FromMilliseconds(250));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>One line per queue on <paramref name="broker"/>: name, messages, consumers; for failure messages.</summary>
    public static async Task<string> DescribeQueuesAsync(RabbitBroker broker)
    {
        using var http = ManagementClient(broker);
        var queues = await http.GetFromJsonAsync<JsonArray>("api/queues") ?? [];
        return string.Join("; ", queues.Select(q => $"{q?["name"]} messages={q?["messages"]} consumers={q?["consumers"]}"));
    }

    private static HttpClient ManagementClient(RabbitBroker broker)
    {
        ArgumentNullException.ThrowIfNull(broker);
        var http = new HttpClient { BaseAddress = broker.ManagementUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{broker.ManagementUser}:{broker.ManagementPassword}")));
        return http;
    }
}
