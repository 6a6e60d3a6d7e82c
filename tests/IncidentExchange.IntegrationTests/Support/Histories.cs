using Grpc.Core;
using IncidentExchange.Contracts.V1;

namespace IncidentExchange.IntegrationTests.Support;

/// <summary>Reads a test node's history over its gRPC History service.</summary>
public static class Histories
{
    /// <summary>
    /// A replay once the history stream is available: right after a broker restart the broker takes a few seconds to
    /// start a stream again, and the gateway answers UNAVAILABLE meanwhile (retried here, bounded).
    /// </summary>
    public static async Task<(List<ReplayItem> Items, long Size)> ReplayWhenAvailableAsync(TestNode node, ReplayRequest request)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                return await ReplayAsync(node, request);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }

    /// <summary>Every item of a replay (bounded by a deadline), and the size estimate the gateway sent (-1 if none).</summary>
    public static async Task<(List<ReplayItem> Items, long Size)> ReplayAsync(TestNode node, ReplayRequest request)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var call = new Contracts.V1.History.HistoryClient(node.Channel).Replay(request, deadline: DateTime.UtcNow + TimeSpan.FromSeconds(60));
        var headers = await call.ResponseHeadersAsync;
        var size = long.TryParse(headers.GetValue("incx-history-size"), out var n) ? n : -1;
        var items = new List<ReplayItem>();
        await foreach (var item in call.ResponseStream.ReadAllAsync())
        {
            items.Add(item);
        }

        return (items, size);
    }
}
