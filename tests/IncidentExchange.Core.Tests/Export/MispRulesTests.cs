using System.Text.Json.Nodes;

namespace IncidentExchange.Core.Tests.Export;

/// <summary>
/// The MISP export checked against what MISP's event import requires: event fields and their allowed values, attribute
/// types with a category MISP allows for them (describeTypes), UUIDs, TLP tags from the MISP tlp taxonomy.
/// </summary>
public class MispRulesTests
{
    private static readonly JsonObject[] Events = JsonNode.Parse(ExportFilesTests.Misp())!["response"]!.AsArray().Select(e => e!["Event"]!.AsObject()).ToArray();

    // From MISP's describeTypes: the categories each attribute type used here may be filed under.
    private static readonly Dictionary<string, string[]> Categories = new()
    {
        ["ip-dst"] = ["Network activity", "Payload delivery", "External analysis"],
        ["domain"] = ["Network activity", "Payload delivery", "External analysis"],
        ["url"] = ["Network activity", "Payload delivery", "External analysis", "Payload installation"],
        ["email-src"] = ["Payload delivery", "Network activity", "Social network", "Threat Reporting"],
        ["md5"] = ["Payload delivery", "Artifacts dropped", "Payload installation", "External analysis"],
        ["sha1"] = ["Payload delivery", "Artifacts dropped", "Payload installation", "External analysis"],
        ["sha256"] = ["Payload delivery", "Artifacts dropped", "Payload installation", "External analysis"],
        ["vulnerability"] = ["Payload delivery", "Artifacts dropped", "Payload installation", "External analysis"],
        ["AS"] = ["Network activity", "External analysis"],
        ["text"] = ["Other", "Internal reference", "External analysis"],
        ["link"] = ["External analysis", "Internal reference", "Payload delivery", "Antivirus detection"],
    };

    private static readonly string[] TlpTags = ["tlp:clear", "tlp:green", "tlp:amber", "tlp:amber+strict", "tlp:red"];

    [Test]
    public void Events_HaveTheRequiredFields_WithAllowedValues()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Events, Has.Length.EqualTo(2));
            foreach (var e in Events)
            {
                Assert.That(Guid.TryParseExact((string)e["uuid"]!, "D", out _), Is.True);
                Assert.That((string)e["info"]!, Is.Not.Empty);
                Assert.That(DateOnly.TryParseExact((string)e["date"]!, "yyyy-MM-dd", out _), Is.True);
                Assert.That((string)e["threat_level_id"]!, Is.AnyOf("1", "2", "3", "4"));
                Assert.That((string)e["analysis"]!, Is.AnyOf("0", "1", "2"));
                Assert.That((string)e["distribution"]!, Is.AnyOf("0", "1", "2", "3", "4", "5"));
                Assert.That(long.TryParse((string)e["timestamp"]!, out _), Is.True);
                Assert.That((string)e["Orgc"]!["name"]!, Is.Not.Empty);
                var tags = e["Tag"]!.AsArray().Select(t => (string)t!["name"]!).ToArray();
                Assert.That(tags.Count(TlpTags.Contains), Is.EqualTo(1), "exactly one TLP tag from the taxonomy");
            }

            Assert.That(Events.Select(e => (string)e["uuid"]!).Distinct().Count(), Is.EqualTo(Events.Length), "event uuids are unique");
        });
    }

    [Test]
    public void Attributes_HaveAllowedTypeAndCategory_UniqueUuids_AndDetectionFlags()
    {
        var attributes = Events.SelectMany(e => e["Attribute"]!.AsArray().Select(a => a!.AsObject())).ToArray();
        Assert.Multiple(() =>
        {
            foreach (var a in attributes)
            {
                var type = (string)a["type"]!;
                Assert.That(Categories.ContainsKey(type), Is.True, $"type {type}");
                Assert.That(Categories.GetValueOrDefault(type, []), Does.Contain((string)a["category"]!), $"{type} may not be filed under {a["category"]}");
                Assert.That(Guid.TryParseExact((string)a["uuid"]!, "D", out _), Is.True);
                Assert.That((string)a["value"]!, Is.Not.Empty);
                Assert.That((string)a["distribution"]!, Is.AnyOf("0", "1", "2", "3", "4", "5"));
            }

            Assert.That(attributes.Select(a => (string)a["uuid"]!).Distinct().Count(), Is.EqualTo(attributes.Length));
            Assert.That(attributes.Where(a => (string)a["type"]! is "text" or "link" or "vulnerability" or "AS").All(a => !(bool)a["to_ids"]!), Is.True, "context is not for detection");
            Assert.That(attributes.Select(a => (string)a["type"]!), Is.SupersetOf(new[] { "ip-dst", "domain", "url", "email-src", "md5", "sha1", "sha256", "vulnerability", "AS", "link" }));
        });
    }
}
