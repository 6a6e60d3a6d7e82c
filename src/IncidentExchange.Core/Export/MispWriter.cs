using System.Text.Json;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Validation;

namespace IncidentExchange.Core.Export;

/// <summary>
/// Writes notices as MISP events in the JSON a MISP instance imports (<c>{"response": [{"Event": …}, …]}</c>), streaming:
/// one event per notice revision, its indicators as attributes (with MISP's type and category for each), the summary
/// as a text attribute, references as links, TLP and RSIT class as tags. The event keeps the notice id as its uuid.
/// </summary>
public sealed class MispWriter : IDisposable
{
    private readonly Utf8JsonWriter _json;

    /// <summary>Starts the event list on <paramref name="output"/>.</summary>
    public MispWriter(Stream output)
    {
        _json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = ExportJson.Encoder });
        _json.WriteStartObject();
        _json.WriteStartArray("response");
    }

    /// <summary>MISP's type and category for an indicator, and whether it is for detection (to_ids).</summary>
    public static (string Type, string Category, bool ToIds) AttributeFor(IndicatorType type) => type switch
    {
        IndicatorType.Ipv4 or IndicatorType.Ipv6 => ("ip-dst", "Network activity", true),
        IndicatorType.Domain => ("domain", "Network activity", true),
        IndicatorType.Url => ("url", "Network activity", true),
        IndicatorType.Email => ("email-src", "Payload delivery", true),
        IndicatorType.Md5 => ("md5", "Payload delivery", true),
        IndicatorType.Sha1 => ("sha1", "Payload delivery", true),
        IndicatorType.Sha256 => ("sha256", "Payload delivery", true),
        IndicatorType.Cve => ("vulnerability", "External analysis", false),
        IndicatorType.Asn => ("AS", "Network activity", false),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "A valid notice has no indicator of this type."),
    };

    /// <summary>Adds one verified notice as an event.</summary>
    public void Add(IncidentNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var timestamp = ExportTimes.UnixSeconds(notice.IssuedAt);
        _json.WriteStartObject();
        _json.WriteStartObject("Event");
        // One event per revision: the first keeps the notice id, later ones derive theirs (MISP uuids are unique).
        _json.WriteString("uuid", notice.Revision == 1 ? notice.NoticeId : Uuid5.Of($"event/{notice.NoticeId}/{notice.Revision}"));
        _json.WriteString("info", notice.Revision == 1 ? notice.Title : $"{notice.Title} (revision {notice.Revision})");
        _json.WriteString("date", ExportTimes.Date(notice.IssuedAt));
        _json.WriteString("threat_level_id", ThreatLevel(notice.Severity));
        _json.WriteString("analysis", notice.Status is NoticeStatus.Mitigated or NoticeStatus.Resolved or NoticeStatus.Retracted ? "2" : "1");
        // Your organisation only: the importing CERT decides how far it shares, under the TLP tag.
        _json.WriteString("distribution", "0");
        _json.WriteBoolean("published", false);
        _json.WriteString("timestamp", timestamp);
        _json.WriteStartObject("Orgc");
        _json.WriteString("name", notice.Origin);
        _json.WriteString("uuid", Uuid5.Of("identity/" + notice.Origin));
        _json.WriteEndObject();
        WriteTags(notice);
        _json.WriteStartArray("Attribute");
        Attribute($"{notice.NoticeId}/{notice.Revision}/summary", "text", "Other", notice.Summary, toIds: false, timestamp, "Summary");
        if (notice.Mitigation.Length > 0)
        {
            Attribute($"{notice.NoticeId}/{notice.Revision}/mitigation", "text", "Other", notice.Mitigation, toIds: false, timestamp, "Mitigation");
        }

        foreach (var indicator in notice.Indicators)
        {
            var (type, category, toIds) = AttributeFor(indicator.Type);
            // A retracted notice's indicators stay as record, no longer for detection.
            Attribute($"{notice.NoticeId}/{notice.Revision}/{indicator.Type}/{indicator.Value}", type, category, indicator.Value, toIds && notice.Status != NoticeStatus.Retracted, timestamp, indicator.Description);
        }

        foreach (var url in notice.References)
        {
            Attribute($"{notice.NoticeId}/{notice.Revision}/reference/{url}", "link", "External analysis", url, toIds: false, timestamp, "");
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.WriteEndObject();
    }

    /// <summary>Closes the list.</summary>
    public void Dispose()
    {
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.Flush();
        _json.Dispose();
    }

    // MISP: 1 high, 2 medium, 3 low, 4 undefined.
    private static string ThreatLevel(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "1",
        Severity.Medium => "2",
        Severity.Low => "3",
        _ => "4",
    };

    private void WriteTags(IncidentNotice notice)
    {
        _json.WriteStartArray("Tag");
        foreach (var tag in new[] { "tlp:" + Labels.Word(notice.Tlp), "rsit:" + notice.Category, $"incx:severity=\"{Labels.Word(notice.Severity)}\"" }
            .Concat(notice.Sectors.Select(s => $"incx:sector=\"{s}\"")))
        {
            _json.WriteStartObject();
            _json.WriteString("name", tag);
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
    }

    private void Attribute(string key, string type, string category, string value, bool toIds, string timestamp, string comment)
    {
        _json.WriteStartObject();
        _json.WriteString("uuid", Uuid5.Of("attribute/" + key));
        _json.WriteString("type", type);
        _json.WriteString("category", category);
        _json.WriteString("value", value);
        _json.WriteBoolean("to_ids", toIds);
        _json.WriteString("distribution", "5");
        _json.WriteString("timestamp", timestamp);
        _json.WriteString("comment", comment);
        _json.WriteEndObject();
    }
}
