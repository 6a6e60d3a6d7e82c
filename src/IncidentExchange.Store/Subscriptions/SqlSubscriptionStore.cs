using System.Data.Common;
using System.Text.Json;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Store.Sql;

namespace IncidentExchange.Store.Subscriptions;

/// <summary>Subscription definitions in SQL; a name's first definition stays until it is deleted.</summary>
internal sealed class SqlSubscriptionStore(StoreDatabase database, TimeProvider time) : ISubscriptionStore
{
    private const string Select = "SELECT name, min_severity, categories, origins, sectors FROM subscriptions";

    public Task<SubscriptionDefinition> DefineAsync(SubscriptionDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return database.WriteAsync(Durability.PowerCut, async transaction =>
        {
            await transaction.ExecuteAsync(
                "INSERT INTO subscriptions (name, min_severity, categories, origins, sectors, created_at) VALUES (@name, @severity, @categories, @origins, @sectors, @at) ON CONFLICT (name) DO NOTHING",
                cancellationToken, ("name", definition.Name), ("severity", (long)definition.MinSeverity), ("categories", List(definition.Categories)),
                ("origins", List(definition.Origins)), ("sectors", List(definition.Sectors)), ("at", StoreTime.ToColumn(time.GetUtcNow())));
            return (await transaction.Connection!.ListAsync(transaction, Select + " WHERE name = @name", Read, cancellationToken, ("name", definition.Name)))[0];
        }, cancellationToken);
    }

    public Task<SubscriptionDefinition?> FindAsync(string name, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async connection =>
            (await connection.ListAsync(null, Select + " WHERE name = @name", Read, cancellationToken, ("name", name))).FirstOrDefault(), cancellationToken);

    public Task<IReadOnlyList<SubscriptionDefinition>> ListAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<SubscriptionDefinition>>(async connection =>
            await connection.ListAsync(null, Select + " ORDER BY name", Read, cancellationToken), cancellationToken);

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default) =>
        database.WriteAsync(Durability.PowerCut, async transaction =>
            await transaction.ExecuteAsync("DELETE FROM subscriptions WHERE name = @name", cancellationToken, ("name", name)) > 0, cancellationToken);

    // Sorted, so the same filter is always stored (and compared) the same way.
    private static string List(IEnumerable<string> values) => JsonSerializer.Serialize(values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());

    private static SubscriptionDefinition Read(DbDataReader r) =>
        new(r.GetString(0), (Severity)r.GetInt64(1), Strings(r.GetString(2)), Strings(r.GetString(3)), Strings(r.GetString(4)));

    private static string[] Strings(string json) => JsonSerializer.Deserialize<string[]>(json) ?? [];
}
