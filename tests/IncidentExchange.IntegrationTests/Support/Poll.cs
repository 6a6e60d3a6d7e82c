using IncidentExchange.Contracts.V1;

namespace IncidentExchange.IntegrationTests.Support;

/// <summary>Bounded waits for something another process or task makes true.</summary>
public static class Poll
{
    /// <summary>Checks <paramref name="condition"/> every <paramref name="every"/> (default 20 ms) until it holds or <paramref name="timeout"/> passed; returns whether it held.</summary>
    public static Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout, TimeSpan? every = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(() => Task.FromResult(condition()), timeout, every);
    }

    /// <summary>As the other overload, for a condition that has to ask (a gateway, a broker).</summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? every = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(20));
        }

        return true;
    }

    /// <summary>Waits (bounded) until every notice of <paramref name="noticeIds"/> is among <paramref name="received"/>; returns those still missing.</summary>
    public static async Task<IReadOnlyCollection<string>> ForNoticesAsync(Func<IEnumerable<Alert>> received, IEnumerable<string> noticeIds, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(received);
        var missing = noticeIds.ToHashSet();
        await UntilAsync(() =>
        {
            missing.ExceptWith(received().Where(a => a.Notice is not null).Select(a => a.Notice.NoticeId));
            return missing.Count == 0;
        }, timeout, TimeSpan.FromMilliseconds(100));
        return missing;
    }
}
