using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Routing;
using IncidentExchange.Messaging.Federation;

namespace IncidentExchange.Gateway.Federation;

/// <summary>
/// Reads the state of this broker's federation link to each peer from the management API. One
/// reading serves for two seconds: a health probe asks once per peer, and N peers must not mean
/// N HTTP calls every probe.
/// </summary>
public sealed class PeerLinks(KnownNodes nodes, ManagementApi api, TimeProvider time, ILogger<PeerLinks> logger)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);
    // A reference, assigned whole: concurrent probes see either the old reading or the new one.
    private volatile Reading? _last;

    /// <summary>Link state per peer; UNKNOWN for every peer when the management API cannot be asked.</summary>
    public async Task<IReadOnlyDictionary<string, LinkState>> GetAsync(CancellationToken cancellationToken)
    {
        if (_last is { } last && time.GetUtcNow() - last.At < Freshness)
        {
            return last.States;
        }

        var states = await ReadAsync(cancellationToken);
        _last = new Reading(time.GetUtcNow(), states);
        return states;
    }

    private async Task<IReadOnlyDictionary<string, LinkState>> ReadAsync(CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string> states;
        try
        {
            states = await api.GetLinkStatesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Cannot read federation link states: {Reason}", ex.Message);
            return nodes.Peers.ToDictionary(p => p, _ => LinkState.Unknown);
        }

        return nodes.Peers.ToDictionary(p => p, p => Map(states.GetValueOrDefault(FederationNames.Upstream(p))));
    }

    // RabbitMQ reports "running", "starting", "error" or "shutdown"; no entry means no link at all.
    private static LinkState Map(string? status) => status switch
    {
        "running" => LinkState.Running,
        "starting" => LinkState.Starting,
        _ => LinkState.Down,
    };

    private sealed record Reading(DateTimeOffset At, IReadOnlyDictionary<string, LinkState> States);
}
