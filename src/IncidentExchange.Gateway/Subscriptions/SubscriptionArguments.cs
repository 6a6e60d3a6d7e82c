using System.Globalization;
using System.Text.Json.Nodes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Delivery;

namespace IncidentExchange.Gateway.Subscriptions;

/// <summary>
/// A subscription's filter lives in its queue's declaration arguments, so the broker alone holds every
/// subscription (no gateway state): the same filter declares the same queue, another one is refused.
/// </summary>
public static class SubscriptionArguments
{
    private const string MinSeverity = "x-incx-min-severity";
    private const string Categories = "x-incx-categories";
    private const string Origins = "x-incx-origins";
    private const string Sectors = "x-incx-sectors";

    /// <summary>The declaration arguments of a subscription queue with <paramref name="filter"/>.</summary>
    public static Dictionary<string, object?> For(AlertFilter filter, SubscriptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(options);
        return new Dictionary<string, object?>
        {
            ["x-max-priority"] = (int)AlertPriorities.Max,
            ["x-expires"] = (long)options.Expiry.TotalMilliseconds,
            ["x-max-length"] = options.MaxPending,
            ["x-overflow"] = "drop-head",
            [MinSeverity] = (int)filter.MinSeverity,
            [Categories] = Join(filter.Categories),
            [Origins] = Join(filter.Origins),
            [Sectors] = Join(filter.Sectors),
        };
    }

    /// <summary>The filter stored in a queue's arguments (as the management API reports them).</summary>
    public static AlertFilter Filter(JsonObject arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var severity = arguments[MinSeverity]?.GetValue<int>() ?? 0;
        return new AlertFilter((Severity)severity, Split(arguments[Categories]), Split(arguments[Origins]), Split(arguments[Sectors]));
    }

    /// <summary>The subscription's description for ListSubscriptions.</summary>
    public static SubscriptionInfo Describe(string name, AlertFilter filter, long pending, bool connected)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var info = new SubscriptionInfo { Name = name, MinSeverity = filter.MinSeverity, Pending = (ulong)Math.Max(0, pending), Connected = connected };
        info.Categories.Add(filter.Categories.Order(StringComparer.Ordinal));
        info.Origins.Add(filter.Origins.Order(StringComparer.Ordinal));
        info.Sectors.Add(filter.Sectors.Order(StringComparer.Ordinal));
        return info;
    }

    // Sorted, so that the same filter always declares identical arguments.
    private static string Join(IEnumerable<string> values) => string.Join(",", values.Order(StringComparer.Ordinal));

    private static HashSet<string> Split(JsonNode? value) =>
        (value?.GetValue<string>() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>One line describing <paramref name="filter"/>, for error messages.</summary>
    public static string Text(AlertFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return filter.IsEmpty
            ? "no filter"
            : string.Create(CultureInfo.InvariantCulture, $"min severity {filter.MinSeverity}, categories [{Join(filter.Categories)}], origins [{Join(filter.Origins)}], sectors [{Join(filter.Sectors)}]");
    }
}
