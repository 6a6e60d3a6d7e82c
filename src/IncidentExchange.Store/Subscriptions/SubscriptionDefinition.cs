using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Store.Subscriptions;

/// <summary>A durable subscription: its name and filter (empty lists = any). Lists are kept in ordinal order.</summary>
/// <param name="Name">Subscription name (a node-id-like name).</param>
/// <param name="MinSeverity">Lowest severity it wants (Unspecified = any).</param>
/// <param name="Categories">Categories it wants.</param>
/// <param name="Origins">Origins it wants.</param>
/// <param name="Sectors">Sectors it wants.</param>
public sealed record SubscriptionDefinition(string Name, Severity MinSeverity, IReadOnlyList<string> Categories, IReadOnlyList<string> Origins, IReadOnlyList<string> Sectors);
