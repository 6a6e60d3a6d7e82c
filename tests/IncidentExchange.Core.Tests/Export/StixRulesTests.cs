using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Export;

namespace IncidentExchange.Core.Tests.Export;

/// <summary>
/// The STIX export checked against the rules of STIX 2.1 (OASIS, 2021) that a consumer enforces: identifier form,
/// required common and per-type properties, timestamps, references that resolve inside the bundle, TLP 2.0 markings.
/// </summary>
public partial class StixRulesTests
{
    private static readonly JsonObject Bundle = JsonNode.Parse(ExportFilesTests.Stix())!.AsObject();
    private static readonly JsonObject[] Objects = Bundle["objects"]!.AsArray().Select(o => o!.AsObject()).ToArray();

    private static readonly Dictionary<string, string[]> Required = new()
    {
        ["incident"] = ["name"],
        ["indicator"] = ["pattern", "pattern_type", "valid_from"],
        ["vulnerability"] = ["name"],
        ["relationship"] = ["relationship_type", "source_ref", "target_ref"],
        ["identity"] = ["name"],
        ["marking-definition"] = [],
    };

    [Test]
    public void Bundle_HasTypeAndIdentifier_AndOnlyKnownObjectTypes()
    {
        Assert.Multiple(() =>
        {
            Assert.That((string?)Bundle["type"], Is.EqualTo("bundle"));
            Assert.That(Identifier().IsMatch((string)Bundle["id"]!), Is.True);
            Assert.That((string)Bundle["id"]!, Does.StartWith("bundle--"));
            Assert.That(Objects.Select(o => (string)o["type"]!).Distinct(), Is.SubsetOf(Required.Keys));
        });
    }

    [Test]
    public void EveryObject_HasTheCommonRequiredProperties_InTheirForms()
    {
        Assert.Multiple(() =>
        {
            foreach (var o in Objects)
            {
                var type = (string)o["type"]!;
                var id = (string)o["id"]!;
                Assert.That((string?)o["spec_version"], Is.EqualTo("2.1"), id);
                Assert.That(Identifier().IsMatch(id) && id.StartsWith(type + "--", StringComparison.Ordinal), Is.True, $"{id}: identifier is <type>--<UUID>");
                Assert.That(Timestamp().IsMatch((string)o["created"]!), Is.True, $"{id}: created is RFC 3339 UTC");
                if (type != "marking-definition")
                {
                    Assert.That(Timestamp().IsMatch((string)o["modified"]!), Is.True, $"{id}: modified");
                    Assert.That(string.CompareOrdinal((string)o["modified"]!, (string)o["created"]!), Is.GreaterThanOrEqualTo(0), $"{id}: modified not before created");
                }

                foreach (var property in Required[type])
                {
                    Assert.That(o[property], Is.Not.Null, $"{id}: {property} is required for {type}");
                }

                Assert.That(o.Select(p => p.Key).Where(k => k.StartsWith("x_", StringComparison.Ordinal)).All(k => CustomName().IsMatch(k)), Is.True, $"{id}: custom properties");
            }
        });
    }

    [Test]
    public void References_ResolveInsideTheBundle_AndMarkingsAreTheTlp20Definitions()
    {
        var ids = Objects.Select(o => (string)o["id"]!).ToHashSet();
        var markings = Objects.Where(o => (string)o["type"]! == "marking-definition").ToArray();
        Assert.Multiple(() =>
        {
            // Identities and markings are the objects referred to; everything else names its creator and its TLP.
            foreach (var o in Objects.Where(o => (string)o["type"]! is not ("marking-definition" or "identity")))
            {
                Assert.That(ids, Does.Contain((string)o["created_by_ref"]!), "created_by_ref resolves to an identity");
                Assert.That((string)o["created_by_ref"]!, Does.StartWith("identity--"));
                foreach (var marking in o["object_marking_refs"]!.AsArray())
                {
                    Assert.That(ids, Does.Contain((string)marking!), "object_marking_refs resolve to marking definitions");
                }
            }

            foreach (var r in Objects.Where(o => (string)o["type"]! == "relationship"))
            {
                Assert.That(ids, Does.Contain((string)r["source_ref"]!));
                Assert.That(ids, Does.Contain((string)r["target_ref"]!));
                Assert.That((string)r["relationship_type"]!, Is.EqualTo("indicates").Or.EqualTo("related-to"));
            }

            // OASIS TLP 2.0: fixed identifiers, created 2022-10-01, the tlp_2_0 property extension.
            Assert.That(markings.Select(m => (string)m["id"]!), Is.EquivalentTo(new[]
            {
                "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
                "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
            }));
            foreach (var m in markings)
            {
                Assert.That((string)m["created"]!, Is.EqualTo("2022-10-01T00:00:00.000Z"));
                var extension = m["extensions"]!["extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"]!;
                Assert.That((string)extension["extension_type"]!, Is.EqualTo("property-extension"));
                Assert.That((string)m["name"]!, Is.EqualTo("TLP:" + ((string)extension["tlp_2_0"]!).ToUpperInvariant()));
            }
        });
    }

    [Test]
    public void Indicators_HaveStixPatterns_WithQuotesEscaped_AndCvesAreVulnerabilities()
    {
        var patterns = Objects.Where(o => (string)o["type"]! == "indicator").Select(o => (string)o["pattern"]!).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(patterns, Has.All.Match(@"^\[[a-z0-9-]+:[A-Za-z0-9_.'-]+ = ('([^'\\]|\\.)*'|\d+)\]$"));
            Assert.That(patterns, Does.Contain(@"[url:value = 'https://vpn-update.evil.example/o\'brien.sh']"));
            Assert.That(Objects.Where(o => (string)o["type"]! == "vulnerability").Select(o => (string)o["external_references"]![0]!["external_id"]!), Is.EqualTo(new[] { "CVE-2024-3400" }));
        });
    }

    [Test]
    public void Revisions_AreVersionsOfTheSameObjects_AndARetractionRevokesThem()
    {
        var first = ExportSample.FromFr();
        first.Revision = 1;
        first.Status = NoticeStatus.Open;
        first.IssuedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 1, 2, 7, 0, 0, TimeSpan.Zero));
        var retraction = ExportSample.FromFr();
        retraction.Revision = 3;
        retraction.Status = NoticeStatus.Retracted;
        retraction.IssuedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 1, 3, 9, 0, 0, TimeSpan.Zero));
        using var stream = new MemoryStream();
        using (var writer = new StixWriter(stream, ExportSample.BundleId))
        {
            writer.Add(first);
            writer.Add(retraction);
        }

        var objects = JsonNode.Parse(stream.ToArray())!["objects"]!.AsArray().Select(o => o!.AsObject()).ToArray();
        var incidents = objects.Where(o => (string)o["type"]! == "incident").ToArray();
        var indicators = objects.Where(o => (string)o["type"]! == "indicator").GroupBy(o => (string)o["id"]!).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(incidents.Select(i => (string)i["id"]!).Distinct().Count(), Is.EqualTo(1), "one incident, two versions");
            Assert.That(incidents.Select(i => (string)i["created"]!).Distinct().Count(), Is.EqualTo(1), "created does not change between versions");
            Assert.That(incidents.Select(i => (string)i["modified"]!), Is.EqualTo(new[] { "2026-01-02T07:00:00.000Z", "2026-01-03T09:00:00.000Z" }));
            Assert.That(indicators, Has.All.Matches<IGrouping<string, JsonObject>>(g => g.Count() == 2), "each indicator: the same object in both revisions");
            Assert.That(objects.Where(o => (string?)o["modified"] == "2026-01-03T09:00:00.000Z").All(o => (bool?)o["revoked"] == true), Is.True, "the retraction revokes what it retracts");
            Assert.That(incidents[0]["revoked"], Is.Null);
        });
    }

    [GeneratedRegex("^[a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")]
    private static partial Regex Timestamp();

    [GeneratedRegex("^x_[a-z0-9_]{3,250}$")]
    private static partial Regex CustomName();
}
