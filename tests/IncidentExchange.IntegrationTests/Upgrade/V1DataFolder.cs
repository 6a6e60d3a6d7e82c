using System.Globalization;
using System.Text.Json;
using IncidentExchange.IntegrationTests.Support;
using IncidentExchange.Testing;

namespace IncidentExchange.IntegrationTests.Upgrade;

/// <summary>
/// tests/fixtures/v1-data-folder (copied next to the test binaries): node ee of a deploy/local set as the version
/// before the store left it (ledger, delivery and check books, history journal, directory files, rotated keys), its
/// key, the peers' keys it pinned and its settings (<c>ee/</c>), and what its gateway showed of that state
/// (<c>expected/</c>). Its README.md says how it was made. A test starts a gateway over a scratch copy, never over
/// the fixture itself: a gateway writes to its data folder.
/// </summary>
public static class V1DataFolder
{
    public const string NodeId = "ee";

    /// <summary>The fixture as copied to the test output.</summary>
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "fixtures", "v1-data-folder");

    /// <summary>The answers its gateway gave (see <see cref="StateFiles"/>).</summary>
    public static string Expected => Path.Combine(Root, "expected");

    private static string NodeFolder => Path.Combine(Root, NodeId);

    /// <summary>The sequence number ee's gateway gave the next notice it published over this folder.</summary>
    public static ulong NextSequence()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Expected, "next-sequence.json")));
        return json.RootElement.GetProperty("next_sequence").GetUInt64();
    }

    /// <summary>Starts a gateway for ee over a fresh scratch copy of the folder, on <paramref name="broker"/>; disposing it deletes the copy.</summary>
    public static async Task<TestNode> StartGatewayAsync(RabbitBroker broker)
    {
        var scratch = CopyToScratch();
        var node = TestNode.Open(broker, NodeId, scratch);
        foreach (var (key, value) in Settings(scratch))
        {
            node.Settings[key] = value;
        }

        await node.StartAsync();
        return node;
    }

    /// <summary>
    /// Copies keys/, pins/ and data/ to a new temporary folder as they lay on the node's disk: git keeps neither
    /// modification times nor modes, so the times of file-times.tsv are given back (the version before the store
    /// keeps when it accepted each contact record only as its file's time) and private key files get mode 0600
    /// again (the gateway refuses others).
    /// </summary>
    public static string CopyToScratch()
    {
        var scratch = Directory.CreateTempSubdirectory("incx-v1-data-folder-").FullName;
        foreach (var part in new[] { "keys", "pins", "data" })
        {
            CopyTree(Path.Combine(NodeFolder, part), Path.Combine(scratch, part));
        }

        foreach (var line in File.ReadLines(Path.Combine(NodeFolder, "file-times.tsv")).Where(l => l.Length > 0))
        {
            var (file, seconds) = line.Split('\t') is [var f, var s] ? (f, s) : throw new InvalidDataException($"file-times.tsv: '{line}' is not '<path>\\t<unix seconds>'.");
            var ticks = (long)(decimal.Parse(seconds, CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond);
            File.SetLastWriteTimeUtc(Path.Combine(scratch, file), DateTime.UnixEpoch.AddTicks(ticks));
        }

        if (!OperatingSystem.IsWindows())
        {
            foreach (var key in Directory.EnumerateFiles(scratch, "*.key.json", SearchOption.AllDirectories))
            {
                File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return scratch;
    }

    /// <summary>
    /// The configuration ee ran with (ee/settings.json: node id, pins, peers, communities, acknowledgement deadline),
    /// pinned key files inside <paramref name="scratch"/>, and the peers' brokers at loopback ports nothing listens on:
    /// the peers themselves are gone, their links stay down.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Settings(string scratch)
    {
        var settings = JsonSerializer.Deserialize<Dictionary<string, string?>>(File.ReadAllText(Path.Combine(NodeFolder, "settings.json")))
            ?? throw new InvalidDataException("settings.json holds no object.");
        foreach (var key in settings.Keys.ToArray())
        {
            if (key.EndsWith(":PublicKeyFile", StringComparison.Ordinal))
            {
                settings[key] = Path.Combine(scratch, settings[key]!);
            }
            else if (key.EndsWith(":AmqpUri", StringComparison.Ordinal))
            {
                settings[key] = $"amqp://guest:guest@127.0.0.1:{PortAllocator.Allocate(1)[0]}/";
            }
        }

        return settings;
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
