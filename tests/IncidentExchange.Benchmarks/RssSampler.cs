namespace IncidentExchange.Benchmarks;

/// <summary>The highest resident memory of each gateway of the set, sampled every 200 ms while it runs.</summary>
internal sealed class RssSampler : IDisposable
{
    private readonly LocalSet _set;
    private readonly Dictionary<string, double> _peaks;
    private readonly Timer _timer;

    public RssSampler(LocalSet set)
    {
        _set = set;
        _peaks = LocalSet.Nodes.ToDictionary(node => node, set.GatewayRssMiB);
        _timer = new Timer(_ => Sample(), null, 0, 200);
    }

    /// <summary>Peak resident memory of <paramref name="node"/>'s gateway so far, in MiB.</summary>
    public double Peak(string node)
    {
        lock (_peaks)
        {
            return _peaks[node];
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Sample();
    }

    private void Sample()
    {
        lock (_peaks)
        {
            foreach (var node in LocalSet.Nodes)
            {
                _peaks[node] = Math.Max(_peaks[node], _set.GatewayRssMiB(node));
            }
        }
    }
}
