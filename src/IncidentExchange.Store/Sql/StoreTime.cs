namespace IncidentExchange.Store.Sql;

/// <summary>
/// Times are stored as 100 ns ticks since the Unix epoch (UTC) in a 64-bit integer: exact for every
/// <see cref="DateTimeOffset"/> (the files this store replaces kept full precision too) and one type in both dialects.
/// </summary>
internal static class StoreTime
{
    private static readonly long Epoch = DateTimeOffset.UnixEpoch.UtcTicks;

    public static long ToColumn(DateTimeOffset value) => value.UtcTicks - Epoch;

    public static object ToColumn(DateTimeOffset? value) => value is { } v ? ToColumn(v) : DBNull.Value;

    public static DateTimeOffset FromColumn(long value) => new(Epoch + value, TimeSpan.Zero);
}
