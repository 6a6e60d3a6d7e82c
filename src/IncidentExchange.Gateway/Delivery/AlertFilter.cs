using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Gateway.Delivery;

/// <summary>What a subscriber wants to see: minimum severity, categories, origins, sectors (empty = any).</summary>
public sealed record AlertFilter(Severity MinSeverity, IReadOnlySet<string> Categories, IReadOnlySet<string> Origins, IReadOnlySet<string> Sectors)
{
    /// <summary>True if the filter lets everything through.</summary>
    public bool IsEmpty => MinSeverity == Severity.Unspecified && Categories.Count == 0 && Origins.Count == 0 && Sectors.Count == 0;

    /// <summary>Builds a filter from a subscribe request.</summary>
    public static AlertFilter From(SubscribeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new AlertFilter(
            request.MinSeverity,
            request.Categories.ToHashSet(StringComparer.Ordinal),
            request.Origins.ToHashSet(StringComparer.Ordinal),
            request.Sectors.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>
    /// True if <paramref name="alert"/> passes the filter. A communication check always does: the filters choose
    /// incidents, and a drill asks whoever watches this node's alerts to answer.
    /// </summary>
    public bool Matches(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.Check is not null || Matches(alert.Notice);
    }

    /// <summary>True if <paramref name="notice"/> passes the filter.</summary>
    public bool Matches(IncidentNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return notice.Severity >= MinSeverity
            && (Categories.Count == 0 || Categories.Contains(notice.Category))
            && (Origins.Count == 0 || Origins.Contains(notice.Origin))
            && (Sectors.Count == 0 || notice.Sectors.Any(Sectors.Contains));
    }
}
