using System.Globalization;
using IncidentExchange.Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Gateway.Publishing;

/// <summary>
/// This node's record of what it published: the last sequence number and, per (notice id, revision),
/// the sequence, issue time and a content hash. It makes publishing idempotent and keeps sequence
/// numbers unique across restarts. Kept as an append-only text file in the data folder, synced to disk
/// before the broker sees the message, so a crash can never hand out one sequence number twice.
/// </summary>
public sealed class PublicationLedger : IDisposable
{
    private const string FileName = "published.log";

    private readonly Lock _lock = new();
    private readonly Dictionary<(string NoticeId, uint Revision), LedgerEntry> _entries = [];
    private readonly FileStream _file;
    private readonly StreamWriter _writer;
    private ulong _lastSequence;

    /// <summary>Opens (or creates) the ledger in the node's data folder and replays it.</summary>
    public PublicationLedger(IOptions<NodeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.Value.DataDirectory);
        var path = Path.Combine(options.Value.DataDirectory, FileName);
        // Cut a torn last line before reading, so a half-written "C 12" is never read as "C 1".
        DropTornTail(path);
        Load(path);
        // FileShare.None (an exclusive lock on Unix): a second gateway on the same folder fails here
        // instead of handing out the same sequence numbers.
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None);
        _writer = new StreamWriter(_file) { NewLine = "\n" };
    }

    /// <summary>The highest sequence number handed out so far.</summary>
    public ulong LastSequence
    {
        get
        {
            lock (_lock)
            {
                return _lastSequence;
            }
        }
    }

    /// <summary>The entry for (<paramref name="noticeId"/>, <paramref name="revision"/>), if it was ever reserved.</summary>
    public LedgerEntry? Find(string noticeId, uint revision)
    {
        lock (_lock)
        {
            return _entries.GetValueOrDefault((noticeId, revision));
        }
    }

    /// <summary>Hands out the next sequence number for a new (notice id, revision) and records it durably.</summary>
    public LedgerEntry Reserve(string noticeId, uint revision, string contentHash, DateTimeOffset issuedAt) =>
        Reserve([new Reservation(noticeId, revision, contentHash, issuedAt)])[0];

    /// <summary>
    /// Hands out consecutive sequence numbers for new (notice id, revision)s, recorded with one write
    /// and one sync to disk: a batch costs one fsync, not one per notice. Already reserved ones keep theirs.
    /// </summary>
    public IReadOnlyList<LedgerEntry> Reserve(IReadOnlyList<Reservation> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        lock (_lock)
        {
            var entries = new LedgerEntry[requests.Count];
            var next = _lastSequence;
            var added = new Dictionary<(string, uint), LedgerEntry>();
            for (var i = 0; i < requests.Count; i++)
            {
                var (noticeId, revision, contentHash, issuedAt) = requests[i];
                if (_entries.TryGetValue((noticeId, revision), out var existing) || added.TryGetValue((noticeId, revision), out existing))
                {
                    entries[i] = existing;
                    continue;
                }

                var entry = new LedgerEntry(noticeId, revision, ++next, contentHash, issuedAt, Confirmed: false);
                _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"R {entry.Sequence} {noticeId} {revision} {contentHash} {issuedAt.ToUnixTimeMilliseconds()}"));
                added[(noticeId, revision)] = entry;
                entries[i] = entry;
            }

            if (added.Count > 0)
            {
                // On disk before anyone sees these numbers: a crash can never hand them out twice.
                Sync();
                _lastSequence = next;
                foreach (var (key, entry) in added)
                {
                    _entries[key] = entry;
                }
            }

            return entries;
        }
    }

    /// <summary>Records that the broker confirmed the envelope of <paramref name="entry"/>.</summary>
    public void Confirm(LedgerEntry entry) => Confirm([entry]);

    /// <summary>Records that the broker confirmed these envelopes, with one write and one sync.</summary>
    public void Confirm(IReadOnlyList<LedgerEntry> confirmed)
    {
        ArgumentNullException.ThrowIfNull(confirmed);
        lock (_lock)
        {
            foreach (var entry in confirmed)
            {
                _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"C {entry.Sequence}"));
            }

            Sync();
            foreach (var entry in confirmed)
            {
                _entries[(entry.NoticeId, entry.Revision)] = entry with { Confirmed = true };
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _writer.Dispose();
        _file.Dispose();
    }

    private void Sync()
    {
        _writer.Flush();
        _file.Flush(flushToDisk: true);
    }

    // A crash while appending can leave half a line; cut it so the next entry starts on a line of its own.
    private static void DropTornTail(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        var length = stream.Length;
        while (length > 0)
        {
            stream.Position = length - 1;
            if (stream.ReadByte() == '\n')
            {
                break;
            }

            length--;
        }

        stream.SetLength(length);
    }

    private void Load(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        var bySequence = new Dictionary<ulong, LedgerEntry>();
        var lines = File.ReadAllLines(path);
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index];
            var parts = line.Split(' ');
            if (parts is ["R", var seq, var id, var rev, var hash, var issued] && ulong.TryParse(seq, CultureInfo.InvariantCulture, out var sequence)
                && uint.TryParse(rev, CultureInfo.InvariantCulture, out var revision) && long.TryParse(issued, CultureInfo.InvariantCulture, out var ms))
            {
                var entry = new LedgerEntry(id, revision, sequence, hash, DateTimeOffset.FromUnixTimeMilliseconds(ms), Confirmed: false);
                _entries[(id, revision)] = entry;
                bySequence[sequence] = entry;
                _lastSequence = Math.Max(_lastSequence, sequence);
            }
            else if (parts is ["C", var confirmed] && ulong.TryParse(confirmed, CultureInfo.InvariantCulture, out var confirmedSequence)
                && bySequence.TryGetValue(confirmedSequence, out var reserved))
            {
                _entries[(reserved.NoticeId, reserved.Revision)] = reserved with { Confirmed = true };
            }
            else if (line.Length > 0)
            {
                // The torn tail is already cut off; anything else means the file was edited or damaged.
                throw new InvalidDataException($"Line {index + 1} of the publication ledger {path} is not valid: '{line}'.");
            }
        }
    }
}
