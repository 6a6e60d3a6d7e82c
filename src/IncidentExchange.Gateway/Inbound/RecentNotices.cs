using IncidentExchange.Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Gateway.Inbound;

/// <summary>
/// The most recent (origin, notice id, revision) this node accepted, oldest forgotten first. Communication checks
/// are kept as (origin, check id, 0): revision 0 is never a notice's.
/// Transport is at-least-once (broker redeliveries, a re-sent envelope after a lost confirm);
/// this window makes processing once-only within it.
/// </summary>
public sealed class RecentNotices(IOptions<NodeOptions> options)
{
    private readonly int _capacity = options?.Value.DeduplicationWindow ?? throw new ArgumentNullException(nameof(options));
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();

    /// <summary>True if the key was recorded.</summary>
    public bool Contains(string origin, string noticeId, uint revision)
    {
        lock (_lock)
        {
            return _seen.Contains($"{origin}/{noticeId}/{revision}");
        }
    }

    /// <summary>True if a reminder of the key was shown.</summary>
    public bool ContainsReminder(string origin, string noticeId, uint revision) => Contains(origin, noticeId + "/reminder", revision);

    /// <summary>Records that a reminder of the key was shown; returns false if one was already.</summary>
    public bool TryAddReminder(string origin, string noticeId, uint revision) => TryAdd(origin, noticeId + "/reminder", revision);

    /// <summary>Records the key; returns false if it was already recorded.</summary>
    public bool TryAdd(string origin, string noticeId, uint revision)
    {
        var key = $"{origin}/{noticeId}/{revision}";
        lock (_lock)
        {
            if (!_seen.Add(key))
            {
                return false;
            }

            _order.Enqueue(key);
            if (_order.Count > _capacity)
            {
                _seen.Remove(_order.Dequeue());
            }

            return true;
        }
    }
}
