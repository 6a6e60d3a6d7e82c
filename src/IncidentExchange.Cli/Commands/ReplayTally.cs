using IncidentExchange.Contracts.V1;
using Spectre.Console;

namespace IncidentExchange.Cli.Commands;

/// <summary>Counts of a replay by kind and direction, and the items that failed verification, for the summary.</summary>
internal sealed class ReplayTally
{
    private const int MaxFailuresShown = 20;
    private readonly Dictionary<(string Kind, Direction Direction), long> _counts = [];
    private readonly List<ReplayItem> _failures = [];

    public long Count { get; private set; }

    public long Failed { get; private set; }

    public void Add(ReplayItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        Count++;
        var key = (ReplayLines.Kind(item), item.Direction);
        _counts[key] = _counts.GetValueOrDefault(key) + 1;
        if (!item.Verification.Verified)
        {
            Failed++;
            if (_failures.Count < MaxFailuresShown)
            {
                _failures.Add(item);
            }
        }
    }

    public Table Summary()
    {
        var table = new Table().AddColumns("kind", "sent", "received");
        foreach (var kind in _counts.Keys.Select(k => k.Kind).Distinct().Order(StringComparer.Ordinal))
        {
            table.AddRow(kind, _counts.GetValueOrDefault((kind, Direction.Sent)).ToString(System.Globalization.CultureInfo.InvariantCulture), _counts.GetValueOrDefault((kind, Direction.Received)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var failure in _failures)
        {
            table.AddRow($"[red]not verified[/]", Markup.Escape(ReplayLines.Plain(failure)), "");
        }

        return table;
    }
}
