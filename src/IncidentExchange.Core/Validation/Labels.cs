using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Core.Validation;

/// <summary>The words people use for severities, TLP labels and statuses (CLI, JSON forms, docs).</summary>
public static class Labels
{
    /// <summary>Severity by word.</summary>
    public static readonly IReadOnlyDictionary<string, Severity> Severities = new Dictionary<string, Severity>(StringComparer.OrdinalIgnoreCase)
    {
        ["low"] = Severity.Low, ["medium"] = Severity.Medium, ["high"] = Severity.High, ["critical"] = Severity.Critical,
    };

    /// <summary>TLP 2.0 label by word.</summary>
    public static readonly IReadOnlyDictionary<string, Tlp> TlpLabels = new Dictionary<string, Tlp>(StringComparer.OrdinalIgnoreCase)
    {
        ["clear"] = Tlp.Clear, ["green"] = Tlp.Green, ["amber"] = Tlp.Amber, ["amber+strict"] = Tlp.AmberStrict, ["red"] = Tlp.Red,
    };

    /// <summary>Notice status by word.</summary>
    public static readonly IReadOnlyDictionary<string, NoticeStatus> Statuses = new Dictionary<string, NoticeStatus>(StringComparer.OrdinalIgnoreCase)
    {
        ["open"] = NoticeStatus.Open, ["update"] = NoticeStatus.Update, ["mitigated"] = NoticeStatus.Mitigated,
        ["resolved"] = NoticeStatus.Resolved, ["retracted"] = NoticeStatus.Retracted,
    };

    /// <summary>Indicator type by the prefix used in <c>type:value</c>.</summary>
    public static readonly IReadOnlyDictionary<string, IndicatorType> IndicatorTypes = new Dictionary<string, IndicatorType>(StringComparer.OrdinalIgnoreCase)
    {
        ["ipv4"] = IndicatorType.Ipv4, ["ipv6"] = IndicatorType.Ipv6, ["domain"] = IndicatorType.Domain, ["url"] = IndicatorType.Url,
        ["email"] = IndicatorType.Email, ["md5"] = IndicatorType.Md5, ["sha1"] = IndicatorType.Sha1, ["sha256"] = IndicatorType.Sha256,
        ["cve"] = IndicatorType.Cve, ["asn"] = IndicatorType.Asn,
    };

    /// <summary>The word for <paramref name="severity"/>.</summary>
    public static string Word(Severity severity) => Severities.FirstOrDefault(p => p.Value == severity).Key ?? "unspecified";

    /// <summary>The word for <paramref name="tlp"/>, as in <c>TLP:AMBER+STRICT</c> without the prefix.</summary>
    public static string Word(Tlp tlp) => TlpLabels.FirstOrDefault(p => p.Value == tlp).Key ?? "unspecified";

    /// <summary>The word for <paramref name="status"/>.</summary>
    public static string Word(NoticeStatus status) => Statuses.FirstOrDefault(p => p.Value == status).Key ?? "unspecified";
}
