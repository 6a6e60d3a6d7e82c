using System.Globalization;
using Google.Protobuf;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Contacts;
using IncidentExchange.Core.Wire;
using IncidentExchange.Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Gateway.Contacts;

/// <summary>
/// Keeps every accepted record, as the signed envelope it came in, under
/// <c>&lt;DataDirectory&gt;/directory/&lt;node&gt;/&lt;version&gt;.envelope</c>. The directory is rebuilt
/// from these files at start by verifying them again, in version order from the pinned keys, so a tampered
/// file is refused, not trusted. Every version is kept on disk: the chain of keys back to the pin needs them.
/// </summary>
public sealed class DirectoryStore(IOptions<NodeOptions> options)
{
    private const string Extension = ".envelope";
    private readonly string _root = Path.Combine(options?.Value.DataDirectory ?? throw new ArgumentNullException(nameof(options)), "directory");
    // The inbox and this node's own record publisher may store the same version at the same moment.
    private readonly Lock _write = new();

    /// <summary>Writes <paramref name="accepted"/> unless that version is already stored; durable on return, throws if it cannot be.</summary>
    public void Save(AcceptedRecord accepted)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        var folder = Path.Combine(_root, NodeIds.Require(accepted.Record.NodeId));
        var path = Path.Combine(folder, FileName(accepted.Record.Version));
        lock (_write)
        {
            if (!File.Exists(path))
            {
                Write(folder, path, accepted);
            }
        }
    }

    /// <summary>
    /// Keeps this node's own next record before it is published, so that a publish that may or may not have
    /// reached the broker is retried with the same bytes (a version must never carry two different records).
    /// </summary>
    public void SavePending(Envelope envelope)
    {
        lock (_write)
        {
            Directory.CreateDirectory(_root);
            WriteDurably(PendingPath, envelope);
        }
    }

    /// <summary>This node's own record that was signed but not yet confirmed by the broker, if any.</summary>
    public Envelope? LoadPending() => File.Exists(PendingPath) ? Envelope.Parser.ParseFrom(File.ReadAllBytes(PendingPath)) : null;

    /// <summary>Forgets the pending own record once it is published and held.</summary>
    public void ClearPending()
    {
        lock (_write)
        {
            File.Delete(PendingPath);
        }
    }

    private string PendingPath => Path.Combine(_root, "own-pending.envelope");

    private static void Write(string folder, string path, AcceptedRecord accepted)
    {
        Directory.CreateDirectory(folder);
        WriteDurably(path, accepted.Envelope);
        File.SetLastWriteTimeUtc(path, accepted.AcceptedAt.UtcDateTime);
    }

    // Written whole to a temporary file, synced, then renamed: a crash leaves the old state or the new, never half a record.
    private static void WriteDurably(string path, Envelope envelope)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            envelope.WriteTo(stream);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Every stored envelope, per node in version order, with the time it was stored.</summary>
    public IEnumerable<(string Node, byte[] Body, DateTimeOffset StoredAt, string Path)> LoadAll()
    {
        if (!Directory.Exists(_root))
        {
            yield break;
        }

        foreach (var folder in Directory.EnumerateDirectories(_root).Order(StringComparer.Ordinal))
        {
            // File names are zero-padded versions, so ordinal order is version order.
            foreach (var path in Directory.EnumerateFiles(folder, "*" + Extension).Order(StringComparer.Ordinal))
            {
                yield return (Path.GetFileName(folder), File.ReadAllBytes(path), new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero), path);
            }
        }
    }

    private static string FileName(ulong version) => version.ToString("D20", CultureInfo.InvariantCulture) + Extension;
}
