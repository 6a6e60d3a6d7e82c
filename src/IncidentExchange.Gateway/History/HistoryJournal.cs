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
    // Start a fresh file once this many copies were confirmed and nothing waits: the journal stays small.
    private const int RotateAfter = 50_000;
    private readonly string _path;
    private readonly Lock _lock = new();
    private readonly List<(long Number, OutgoingMessage Copy)> _unconfirmedAtStart = [];
    private JsonLinesLog<Line> _log;
    private long _last;
    private long _confirmed;
    private int _confirmedSinceRotation;

    /// <summary>Opens the journal of this node and reads what was left unconfirmed.</summary>
    public HistoryJournal(IOptions<NodeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _path = Path.Combine(options.Value.DataDirectory, "history.journal");
        var copies = new SortedDictionary<long, OutgoingMessage>();
        _log = new JsonLinesLog<Line>(_path, _ => true, line =>
        {
            _last = Math.Max(_last, line.Number);
            if (line.Copy is { } copy)
            {
                copies[line.Number] = copy.ToMessage();
            }
            else
            {
                _confirmed = Math.Max(_confirmed, line.Number);
            }
        });
        _unconfirmedAtStart.AddRange(copies.Where(c => c.Key > _confirmed).Select(c => (c.Key, c.Value)));
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

            _confirmedSinceRotation += (int)Math.Min(int.MaxValue, number - _confirmed);
            _confirmed = number;
            _log.Append(new Line(number, null));
            if (_confirmed == _last && _confirmedSinceRotation >= RotateAfter)
            {
                // Everything is confirmed: the old lines say nothing a fresh file would not.
                _log.Dispose();
                File.Delete(_path);
                _log = new JsonLinesLog<Line>(_path, _ => true, _ => { });
                _log.Append(new Line(_confirmed, null));
                _confirmedSinceRotation = 0;
            }
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
