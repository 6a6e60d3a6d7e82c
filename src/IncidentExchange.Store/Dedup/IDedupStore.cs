namespace IncidentExchange.Store.Dedup;

/// <summary>
/// The inbound dedup window, durable: what was accepted before a crash, or by the other gateway of the node, is found
/// here. Transport is at-least-once; this window makes processing once-only within it. The newest entries are kept,
/// as many as the caller's window size (<see cref="TrimAsync"/>).
/// </summary>
public interface IDedupStore
{
    /// <summary>True if the key was recorded (and not trimmed since).</summary>
    Task<bool> ContainsAsync(DedupKey key, CancellationToken cancellationToken = default);

    /// <summary>Records the key; false if it was already recorded (also by another gateway at the same moment).</summary>
    Task<bool> TryAddAsync(DedupKey key, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Forgets all but the newest <paramref name="keep"/> keys; returns how many it forgot.</summary>
    Task<int> TrimAsync(int keep, CancellationToken cancellationToken = default);
}
