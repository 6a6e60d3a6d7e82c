using System.Text.Json;

namespace IncidentExchange.Gateway.Storage;

/// <summary>
/// An append-only file of JSON objects, one per line, read back in full when opened. The books of the
/// gateway (deliveries, checks) keep their state this way: written first, then applied, so an entry in
/// memory is always one the file has too. A torn last line (crash while writing) is skipped: it was never
/// reported to anyone.
/// </summary>
/// <typeparam name="T">The entry type, serialised with the web defaults (camelCase).</typeparam>
public sealed class JsonLinesLog<T> : IDisposable
    where T : class
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly StreamWriter _writer;

    /// <summary>
    /// Opens (or creates) <paramref name="path"/>, hands every readable entry that passes
    /// <paramref name="isComplete"/> to <paramref name="replay"/> in file order, and keeps the file open for appending.
    /// </summary>
    public JsonLinesLog(string path, Func<T, bool> isComplete, Action<T> replay)
    {
        ArgumentNullException.ThrowIfNull(isComplete);
        ArgumentNullException.ThrowIfNull(replay);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                if (TryParse(line) is { } entry && isComplete(entry))
                {
                    replay(entry);
                }
            }
        }

        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { NewLine = "\n", AutoFlush = true };
        // After a torn last line, start on a fresh one: the next entry must not be glued to the fragment.
        if (_writer.BaseStream.Position > 0 && LastByte(path) != (byte)'\n')
        {
            _writer.WriteLine();
        }
    }

    /// <summary>Appends one entry (flushed before this returns). Not thread-safe: callers hold their own lock.</summary>
    public void Append(T entry) => _writer.WriteLine(JsonSerializer.Serialize(entry, Json));

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    private static T? TryParse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(line, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int LastByte(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (file.Length == 0)
        {
            return '\n';
        }

        file.Seek(-1, SeekOrigin.End);
        return file.ReadByte();
    }
}
