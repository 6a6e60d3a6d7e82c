namespace IncidentExchange.Store.History;

/// <summary>A history copy to be written to the node's history stream (through the default exchange, never mandatory).</summary>
public sealed record HistoryCopy(string RoutingKey, string MessageId, IReadOnlyDictionary<string, string> Headers, byte[] Body);
