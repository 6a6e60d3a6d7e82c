using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Gateway.Delivery;

/// <summary>What a subscriber wants to see: minimum severity, categories, origins (empty = any).</summary>
public sealed record AlertFilter(Severity MinSeverity, IReadOnlySet<string> Categories, IReadOnlySet<string> Origins)
{
    /// <summary>Builds a filter from a subscribe request.</summary>
    public static AlertFilter From(SubscribeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new AlertFilter(
            request.MinSeverity,
            request.Categories.ToHashSet(StringComparer.Ordinal),
            request.Origins.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>True if <paramref name="notice"/> passes the filter.</summary>
    public bool Matches(IncidentNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return notice.Severity >= MinSeverity
            && (Categories.Count == 0 || Categories.Contains(notice.Category))
            && (Origins.Count == 0 || Origins.Contains(notice.Origin));
    }
}
