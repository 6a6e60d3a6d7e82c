using IncidentExchange.Contracts.V1;

namespace IncidentExchange.IntegrationTests.Support;

/// <summary>Notices as a client submits them: the gateway fills origin, id, sequence and time.</summary>
public static class Drafts
{
    public static IncidentNotice Broadcast(string title, Severity severity = Severity.High) => new()
    {
        Title = title,
        Summary = "Integration test notice: " + title,
        Severity = severity,
        Tlp = Tlp.Green,
        Category = "malicious-code",
        Sectors = { "energy" },
        Indicators = { new Indicator { Type = IndicatorType.Domain, Value = "c2.evil.example" } },
        Audience = new Audience { All = true },
    };

    public static PublishRequest Request(IncidentNotice notice) => new() { Notice = notice };
}
