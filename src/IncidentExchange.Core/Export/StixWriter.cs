using System.Text.Json;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Validation;

namespace IncidentExchange.Core.Export;

/// <summary>
/// Writes notices as one STIX 2.1 bundle, streaming (one notice at a time, however many): per notice an
/// <c>incident</c>, an <c>indicator</c> per observable indicator and a <c>vulnerability</c> per CVE, each linked to the
/// incident by a relationship; at the end an <c>identity</c> per origin CERT and the TLP 2.0 marking definitions used.
/// Identifiers derive from the notice (name-based UUIDs; the incident keeps the notice id), so re-exporting updates.
/// </summary>
public sealed class StixWriter : IDisposable
{
    private const string TlpExtension = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

    // The OASIS TLP 2.0 marking definitions: fixed identifiers every STIX consumer knows.
    private static readonly Dictionary<Tlp, (string Id, string Name, string Level)> Markings = new()
    {
        [Tlp.Clear] = ("marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", "TLP:CLEAR", "clear"),
        [Tlp.Green] = ("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "TLP:GREEN", "green"),
        [Tlp.Amber] = ("marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", "TLP:AMBER", "amber"),
        [Tlp.AmberStrict] = ("marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", "TLP:AMBER+STRICT", "amber+strict"),
        [Tlp.Red] = ("marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", "TLP:RED", "red"),
    };

    private readonly Utf8JsonWriter _json;
    private const string IdentityCreated = "2026-01-01T00:00:00.000Z";
    private readonly SortedSet<string> _identities = new(StringComparer.Ordinal);
    private readonly SortedSet<Tlp> _markings = [];

    /// <summary>Starts bundle <paramref name="bundleId"/> on <paramref name="output"/>.</summary>
    public StixWriter(Stream output, Guid bundleId)
    {
        _json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = ExportJson.Encoder });
        _json.WriteStartObject();
        _json.WriteString("type", "bundle");
        _json.WriteString("id", $"bundle--{bundleId:D}");
        _json.WriteStartArray("objects");
    }

    /// <summary>Identity of an origin CERT.</summary>
    public static string IdentityId(string origin) => $"identity--{Uuid5.Of("identity/" + origin)}";

    /// <summary>Adds the objects of one verified notice.</summary>
    public void Add(IncidentNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        // Every revision is a version of the same objects: created stays (the time in the UUIDv7 notice id, which is the
        // first revision's), modified moves on. A retracted notice revokes them, so tools stop acting on its indicators.
        var times = new Times(ExportTimes.Rfc3339(Uuid7.Time(notice.NoticeId)), ExportTimes.Rfc3339(notice.IssuedAt), notice.Status == NoticeStatus.Retracted);
        var identity = IdentityId(notice.Origin);
        _identities.Add(notice.Origin);
        _markings.Add(notice.Tlp);
        var incident = $"incident--{notice.NoticeId}";
        Common("incident", incident, times, identity, notice.Tlp);
        _json.WriteString("name", notice.Title);
        _json.WriteString("description", notice.Summary);
        _json.WriteStartArray("labels");
        _json.WriteStringValue(notice.Category);
        _json.WriteEndArray();
        WriteReferences(notice);
        _json.WriteString("x_incx_origin", notice.Origin);
        _json.WriteNumber("x_incx_sequence", notice.Sequence);
        _json.WriteNumber("x_incx_revision", notice.Revision);
        _json.WriteString("x_incx_status", Labels.Word(notice.Status));
        _json.WriteString("x_incx_severity", Labels.Word(notice.Severity));
        _json.WriteStartArray("x_incx_sectors");
        foreach (var sector in notice.Sectors)
        {
            _json.WriteStringValue(sector);
        }

        _json.WriteEndArray();
        if (notice.Mitigation.Length > 0)
        {
            _json.WriteString("x_incx_mitigation", notice.Mitigation);
        }

        _json.WriteEndObject();
        foreach (var indicator in notice.Indicators)
        {
            AddIndicator(notice, indicator, incident, times, identity);
        }
    }

    /// <summary>Writes the identities and markings and closes the bundle.</summary>
    public void Dispose()
    {
        foreach (var origin in _identities)
        {
            _json.WriteStartObject();
            _json.WriteString("type", "identity");
            _json.WriteString("spec_version", "2.1");
            _json.WriteString("id", IdentityId(origin));
            // Fixed, so every export states the same identity object.
            _json.WriteString("created", IdentityCreated);
            _json.WriteString("modified", IdentityCreated);
            _json.WriteString("name", origin);
            _json.WriteString("identity_class", "organization");
            _json.WriteString("description", $"National CERT, node '{origin}' of IncidentExchange.");
            _json.WriteEndObject();
        }

        foreach (var tlp in _markings)
        {
            var (id, name, level) = Markings[tlp];
            _json.WriteStartObject();
            _json.WriteString("type", "marking-definition");
            _json.WriteString("spec_version", "2.1");
            _json.WriteString("id", id);
            _json.WriteString("created", "2022-10-01T00:00:00.000Z");
            _json.WriteString("name", name);
            _json.WriteStartObject("extensions");
            _json.WriteStartObject(TlpExtension);
            _json.WriteString("extension_type", "property-extension");
            _json.WriteString("tlp_2_0", level);
            _json.WriteEndObject();
            _json.WriteEndObject();
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.Flush();
        _json.Dispose();
    }

    private void AddIndicator(IncidentNotice notice, Indicator indicator, string incident, Times times, string identity)
    {
        // Not per revision: the same indicator in a later revision is a new version of the same object.
        var key = $"{notice.NoticeId}/{indicator.Type}/{indicator.Value}";
        string source;
        if (StixPatterns.For(indicator) is { } pattern)
        {
            source = $"indicator--{Uuid5.Of("indicator/" + key)}";
            Common("indicator", source, times, identity, notice.Tlp);
            _json.WriteString("name", indicator.Value);
            if (indicator.Description.Length > 0)
            {
                _json.WriteString("description", indicator.Description);
            }

            _json.WriteString("pattern", pattern);
            _json.WriteString("pattern_type", "stix");
            _json.WriteString("pattern_version", "2.1");
            _json.WriteString("valid_from", times.Modified);
            _json.WriteEndObject();
        }
        else
        {
            source = $"vulnerability--{Uuid5.Of("vulnerability/" + key)}";
            Common("vulnerability", source, times, identity, notice.Tlp);
            _json.WriteString("name", indicator.Value);
            _json.WriteStartArray("external_references");
            _json.WriteStartObject();
            _json.WriteString("source_name", "cve");
            _json.WriteString("external_id", indicator.Value);
            _json.WriteEndObject();
            _json.WriteEndArray();
            _json.WriteEndObject();
        }

        Common("relationship", $"relationship--{Uuid5.Of("relationship/" + key)}", times, identity, notice.Tlp);
        _json.WriteString("relationship_type", source.StartsWith("indicator", StringComparison.Ordinal) ? "indicates" : "related-to");
        _json.WriteString("source_ref", source);
        _json.WriteString("target_ref", incident);
        _json.WriteEndObject();
    }

    private void WriteReferences(IncidentNotice notice)
    {
        if (notice.References.Count == 0)
        {
            return;
        }

        _json.WriteStartArray("external_references");
        foreach (var url in notice.References)
        {
            _json.WriteStartObject();
            _json.WriteString("source_name", notice.Origin);
            _json.WriteString("url", url);
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
    }

    // Opens an object with the properties every STIX domain and relationship object here carries.
    private void Common(string type, string id, Times times, string identity, Tlp tlp)
    {
        _json.WriteStartObject();
        _json.WriteString("type", type);
        _json.WriteString("spec_version", "2.1");
        _json.WriteString("id", id);
        _json.WriteString("created", times.Created);
        _json.WriteString("modified", times.Modified);
        if (times.Revoked)
        {
            _json.WriteBoolean("revoked", true);
        }

        _json.WriteString("created_by_ref", identity);
        _json.WriteStartArray("object_marking_refs");
        _json.WriteStringValue(Markings[tlp].Id);
        _json.WriteEndArray();
    }

    private sealed record Times(string Created, string Modified, bool Revoked);
}
