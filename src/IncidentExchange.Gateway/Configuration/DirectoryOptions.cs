namespace IncidentExchange.Gateway.Configuration;

/// <summary>How the node keeps its own record in front of its peers. Section <c>Incx:Directory</c>.</summary>
public sealed class DirectoryOptions
{
    /// <summary>Longest <see cref="AnnounceInterval"/> allowed.</summary>
    public static readonly TimeSpan MaxAnnounceInterval = TimeSpan.FromDays(1);

    /// <summary>Longest rotation overlap allowed.</summary>
    public static readonly TimeSpan MaxRotationOverlap = TimeSpan.FromDays(365);

    /// <summary>
    /// How often the node re-sends its current record even when nothing changed, so a peer that missed it
    /// (joined late, lost its data folder) catches up. It is also sent at start and whenever a link comes up.
    /// </summary>
    public TimeSpan AnnounceInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long the old key stays valid after <c>incx keys rotate</c>, unless the call says otherwise.</summary>
    public TimeSpan RotationOverlap { get; set; } = TimeSpan.FromDays(7);
}
