namespace IncidentExchange.Core.Validation;

/// <summary>
/// Sector slugs for affected critical infrastructure, after the sectors of the EU NIS2 directive
/// (Annexes I and II), plus <c>ics</c> for industrial control systems across sectors.
/// </summary>
public static class Sectors
{
    /// <summary>Every accepted sector slug.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "energy", "transport", "banking", "financial-market-infrastructure", "health", "drinking-water",
        "waste-water", "digital-infrastructure", "ict-service-management", "public-administration", "space",
        "postal-and-courier", "waste-management", "chemicals", "food", "manufacturing", "digital-providers",
        "research", "ics",
    };
}
