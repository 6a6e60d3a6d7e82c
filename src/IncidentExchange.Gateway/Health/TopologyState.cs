namespace IncidentExchange.Gateway.Health;

/// <summary>Whether the node's topology (exchange, queues, federation) has been applied to its broker yet.</summary>
public sealed class TopologyState
{
    private volatile string? _problem = "The node's topology has not been applied to its broker yet.";

    /// <summary>Null once applied; otherwise why not.</summary>
    public string? Problem => _problem;

    internal void Applied() => _problem = null;

    internal void Failed(string reason) => _problem = $"The node's topology is not applied yet: {reason}";
}
