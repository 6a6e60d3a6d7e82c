using System.Text;
using IncidentExchange.Core.Contacts;
using IncidentExchange.Core.Export;
using IncidentExchange.Core.Inbound;

namespace IncidentExchange.Core.Tests.Export;

/// <summary>
/// The exports of the fixed sample match the files checked in under docs/export/ (the documented examples), byte for
/// byte. After an intended change of a format, regenerate them with INCX_UPDATE_EXPORT_SAMPLES=1 and review the diff.
/// </summary>
public class ExportFilesTests
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root(), "docs", "export");

    public static string Jsonl() => string.Concat(ExportSample.Items().Select(i => JsonlExport.Format(i) + "\n"));

    public static string Stix()
    {
        using var stream = new MemoryStream();
        using (var writer = new StixWriter(stream, ExportSample.BundleId))
        {
            foreach (var item in ExportSample.Items())
            {
                writer.Add(item.Notice);
            }
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    public static string Misp()
    {
        using var stream = new MemoryStream();
        using (var writer = new MispWriter(stream))
        {
            foreach (var item in ExportSample.Items())
            {
                writer.Add(item.Notice);
            }
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    [TestCase("sample.jsonl")]
    [TestCase("sample.stix.json")]
    [TestCase("sample.misp.json")]
    public void Export_OfTheFixedSample_MatchesTheCheckedInFile(string name)
    {
        var produced = name switch { "sample.jsonl" => Jsonl(), "sample.stix.json" => Stix(), _ => Misp() };
        var path = Path.Combine(Folder, name);
        if (Environment.GetEnvironmentVariable("INCX_UPDATE_EXPORT_SAMPLES") == "1")
        {
            File.WriteAllText(path, produced);
        }

        Assert.That(produced, Is.EqualTo(File.ReadAllText(path)), $"{name} changed; if intended, regenerate (see the class comment).");
    }

    [Test]
    public void Jsonl_IsLossless_EveryLineParsesBackAndItsEnvelopeVerifies()
    {
        var directory = new ContactDirectory();
        directory.Pin("ee", Samples.Rfc8032PublicKey);
        using (var fr = ExportSample.FrKey())
        {
            directory.Pin("fr", fr.PublicKey);
        }

        var inspector = new EnvelopeInspector(directory, "ee", historical: true);
        var lines = File.ReadAllLines(Path.Combine(Folder, "sample.jsonl"));
        var parsed = lines.Select(JsonlExport.Parse).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.EqualTo(ExportSample.Items()), "every field back");
            foreach (var item in parsed)
            {
                var result = inspector.Inspect(item.Envelope.Memory);
                Assert.That(result.IsAccepted(), Is.True, result.Detail());
                Assert.That(result.Payload(), Is.EqualTo(item.Notice));
            }
        });
    }
}
