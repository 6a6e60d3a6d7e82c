namespace IncidentExchange.Store.Subscriptions;

/// <summary>
/// The node's durable subscription definitions (name, filter), so the receive path reads them from the store and
/// never asks the broker's management API. The queues themselves stay on the broker.
/// </summary>
public interface ISubscriptionStore
{
    /// <summary>Stores the definition unless one of that name exists; returns the stored one (the caller compares filters).</summary>
    Task<SubscriptionDefinition> DefineAsync(SubscriptionDefinition definition, CancellationToken cancellationToken = default);

    /// <summary>The definition of <paramref name="name"/>, if any.</summary>
    Task<SubscriptionDefinition?> FindAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every definition, in ordinal order of name.</summary>
    Task<IReadOnlyList<SubscriptionDefinition>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the definition (deleted, or its queue expired unused); false if there was none.</summary>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default);
}
