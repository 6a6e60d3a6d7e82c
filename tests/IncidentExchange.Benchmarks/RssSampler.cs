namespace IncidentExchange.Benchmarks;

/// <summary>The highest resident memory of each gateway of the set, sampled every 200 ms until stopped.</summary>
internal sealed class RssSampler
{
    private readonly LocalSet _set;
    private readonly Dictionary<string, double> _peaks;
    private readonly Timer _timer;
    private bool _stopped;

    public RssSampler(LocalSet set)
    {
        _set = set;
        _peaks = LocalSet.Nodes.ToDictionary(node => node, set.GatewayRssMiB);
        _timer = new Timer(_ => Sample(), null, 0, 200);
    }

    /// <summary>Peak resident memory of each node's gateway, in MiB.</summary>
    public IReadOnlyDictionary<string, double> Peaks
    {
        get
        {
            lock (_peaks)
            {
                return new Dictionary<string, double>(_peaks);
            }
        }
    }

    /// <summary>Takes a last sample and stops; a sample already running cannot change the peaks afterwards.</summary>
    public void Stop()
    {
        Sample();
        lock (_peaks)
        {
            _stopped = true;
        }

        _timer.Dispose();
    }

    private void Sample()
    {
        lock (_peaks)
        {
            if (_stopped)
            {
                return;
            }

            foreach (var node in LocalSet.Nodes)
            {
                try
                {
                    _peaks[node] = Math.Max(_peaks[node], _set.GatewayRssMiB(node));
                }
                catch (Exception)
                {
                    // The gateway is gone, a zombie or its pid file half written (the run failed or is being taken
                    // down): its peak so far stands. An exception out of a timer callback would end the benchmark.
                }
            }
        }
    }
}
