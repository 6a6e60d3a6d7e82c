namespace IncidentExchange.Store;

/// <summary>How long the books keep their pages, and how often they are compacted. Section <c>Incx:Store:Retention</c>.</summary>
public sealed class RetentionOptions
{
    /// <summary>The shortest retention: the longest acknowledgement deadline and the longest check timeout are 7 days.</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromDays(7);

    /// <summary>Delivery pages (recipients, receipts) of notices published longer ago are removed. Default 400 days: a year and a bit, for yearly reviews.</summary>
    public TimeSpan Deliveries { get; set; } = TimeSpan.FromDays(400);

    /// <summary>Communication checks sent longer ago are removed. Default 400 days, so a year of partners' response times can be shown.</summary>
    public TimeSpan Checks { get; set; } = TimeSpan.FromDays(400);

    /// <summary>How often the background compaction runs. Default 1 hour.</summary>
    public TimeSpan CompactEvery { get; set; } = TimeSpan.FromHours(1);
}
