namespace IncidentExchange.Core.Validation;

/// <summary>
/// Classes of the ENISA Reference Security Incident Taxonomy (RSIT), as machine-readable slugs.
/// </summary>
public static class RsitCategories
{
    /// <summary>Every accepted category slug.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "abusive-content", "malicious-code", "information-gathering", "intrusion-attempts", "intrusions",
        "availability", "information-content-security", "fraud", "vulnerable", "other", "test",
    };
}
