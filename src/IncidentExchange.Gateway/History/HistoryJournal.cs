using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Storage;
using IncidentExchange.Messaging.Publishing;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Gateway.History;

/// <summary>
/// History copies the broker has not confirmed yet, in <c>&lt;DataDirectory&gt;/history.journal</c>. Each copy is
/// appended (written to the operating system, which keeps it through a crash of the gateway) before the inbox
/// message it records is acknowledged; once the broker confirmed copies up to a number, a line says so. A gateway
/// that starts again sends what its journal holds beyond the last confirmed number: a kill loses no history copy.
/// A copy confirmed just before a crash may be sent twice; replay drops such repeats.
/// </summary>
public sealed class HistoryJournal : IDisposable
{
    // Past this many copies the file is set aside and a new one begun; the old one goes once all it holds is confirmed.
    private readonly int _rotateAfter;
    private readonly string _path;
    private readonly string _previousPath;
    private readonly Lock _lock = new();
    private readonly List<(long Number, OutgoingMessage Copy)> _unconfirmedAtStart = [];
    private JsonLinesLog<Line> _log;
    private long _last;
    private long _confirmed;
    private long _firstInFile;
    private long _previousLast;

    /// <summary>Opens the journal of this node and reads what was left unconfirmed.</summary>
    public HistoryJournal(IOptions<NodeOptions> options)
        : this(options, rotateAfter: 20_000)
    {
    }

    /// <summary>As the public constructor, with the number of copies after which the file is set aside (tests use few).</summary>
    internal HistoryJournal(IOptions<NodeOptions> options, int rotateAfter)
    {
        ArgumentNullException.ThrowIfNull(options);
        _rotateAfter = rotateAfter;
        _path = Path.Combine(options.Value.DataDirectory, "history.journal");
        _previousPath = _path + ".previous";
        // Copies are dropped as soon as a later line confirms them, so memory holds only what is unconfirmed.
        var copies = new SortedDictionary<long, OutgoingMessage>();
        var readingCurrent = false;
        void Read(Line line)
        {
            _last = Math.Max(_last, line.Number);
            if (line.Copy is not null && readingCurrent && _firstInFile == 0)
            {
                _firstInFile = line.Number;
            }

            if (line.Copy is { } copy)
            {
                if (line.Number > _confirmed)
                {
                    copies[line.Number] = copy.ToMessage();
                }
            }
            else if (line.Number > _confirmed)
            {
                _confirmed = line.Number;
                while (copies.Count > 0 && copies.First().Key <= _confirmed)
                {
                    copies.Remove(copies.First().Key);
                }
            }
        }

        if (File.Exists(_previousPath))
        {
            using (new JsonLinesLog<Line>(_previousPath, _ => true, Read))
            {
            }

            _previousLast = _last;
        }

        readingCurrent = true;
        _log = new JsonLinesLog<Line>(_path, _ => true, Read);
        if (_firstInFile == 0)
        {
            _firstInFile = _last + 1;
        }

        _unconfirmedAtStart.AddRange(copies.Select(c => (c.Key, c.Value)));
        DeletePreviousIfConfirmed();
    }

    /// <summary>Copies the last run appended but the broker never confirmed, oldest first, with their numbers.</summary>
    public IReadOnlyList<(long Number, OutgoingMessage Copy)> UnconfirmedAtStart => _unconfirmedAtStart;

    /// <summary>Appends a copy; returns its number (increasing in the order of the calls).</summary>
    public long Append(OutgoingMessage copy)
    {
        ArgumentNullException.ThrowIfNull(copy);
        lock (_lock)
        {
            _log.Append(new Line(++_last, StoredCopy.From(copy)));
            return _last;
        }
    }

    /// <summary>Records that the broker confirmed every copy numbered up to <paramref name="number"/>.</summary>
    public void Confirmed(long number)
    {
        lock (_lock)
        {
            if (number <= _confirmed)
            {
                return;
            }

            _confirmed = number;
            _log.Append(new Line(number, null));
            DeletePreviousIfConfirmed();
            if (_previousLast == 0 && _last - _firstInFile + 1 >= _rotateAfter)
            {
                // Set the file aside (its unconfirmed tail is still needed after a kill) and begin a new one.
                _log.Dispose();
                File.Move(_path, _previousPath, overwrite: true);
                _previousLast = _last;
                _firstInFile = _last + 1;
                _log = new JsonLinesLog<Line>(_path, _ => true, _ => { });
                _log.Append(new Line(_confirmed, null));
                DeletePreviousIfConfirmed();
            }
        }
    }

    private void DeletePreviousIfConfirmed()
    {
        if (_previousLast > 0 && _confirmed >= _previousLast)
        {
            File.Delete(_previousPath);
            _previousLast = 0;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _log.Dispose();

    // A copy (Number = its number) or, with Copy null, "confirmed up to Number".
    private sealed record Line(long Number, StoredCopy? Copy);

    private sealed record StoredCopy(string RoutingKey, string MessageId, Dictionary<string, string> Headers, byte[] Body)
    {
        public static StoredCopy From(OutgoingMessage message) =>
            new(message.RoutingKey, message.MessageId, new Dictionary<string, string>(message.Headers ?? new Dictionary<string, string>()), message.Body.ToArray());

        // History copies go to the stream through the default exchange and are never mandatory (HistoryRecorder).
        public OutgoingMessage ToMessage() => new("", RoutingKey, Body, MessageId, Headers, Mandatory: false);
    }
}
