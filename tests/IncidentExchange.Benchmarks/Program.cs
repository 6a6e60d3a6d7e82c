using System.Globalization;
using System.Text.Json;
using IncidentExchange.Benchmarks;

// incx against raw RabbitMQ.Client, on the same machine, in the same run (issue 7).
//   dotnet run -c Release --project tests/IncidentExchange.Benchmarks [-- --notices 3000 --rate 100 --seconds 10]
var notices = Argument("--notices", 3000);
var rate = Argument("--rate", 100);
var seconds = Argument("--seconds", 10);
var replayed = Argument("--replay", 100_000);
var root = RepositoryRoot();
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(9));

Console.WriteLine($"Starting two federated nodes with deploy/local/up.sh (ports +{LocalSet.PortOffset}) ...");
await using var set = await LocalSet.StartAsync(root);
var rssAtRest = set.GatewayRssMiB("bnb");

Console.WriteLine("Warming up ...");
await RawFederated.RunAsync(200, null, cancel.Token);
await IncxEndToEnd.RunAsync(set, 200, null, cancel.Token);

Console.WriteLine($"Saturation: {notices} messages each ...");
var rawSaturated = await RawFederated.RunAsync(notices, null, cancel.Token);
var peakRss = 0.0;
using (var sampler = new Timer(_ => peakRss = Math.Max(peakRss, set.GatewayRssMiB("bnb")), null, 0, 200))
{
    var incxSaturated = await IncxEndToEnd.RunAsync(set, notices, null, cancel.Token);
    Console.WriteLine($"Fixed load: {rate}/s for {seconds} s each ...");
    var rawFixed = await RawFederated.RunAsync(rate * seconds, rate, cancel.Token);
    var incxFixed = await IncxEndToEnd.RunAsync(set, rate * seconds, rate, cancel.Token);
    var verifyPerCore = VerifyCeiling.InspectionsPerSecondPerCore(TimeSpan.FromSeconds(3));

    Console.WriteLine($"Replay: filling node B's history with {replayed} signed notices ...");
    await ReplayStage.FillAsync(replayed, set.KeyFile("bna"), cancel.Token);
    var rawRead = await ReplayStage.RawReadAsync(cancel.Token);
    var rssBeforeReplay = set.GatewayRssMiB("bnb");
    var replayPeakRss = rssBeforeReplay;
    (double PerSecond, long Items, long Failed) replay;
    using (var replaySampler = new Timer(_ => replayPeakRss = Math.Max(replayPeakRss, set.GatewayRssMiB("bnb")), null, 0, 200))
    {
        replay = await ReplayStage.ReplayAsync(set, cancel.Token);
    }

    var replayBound = Math.Min(rawRead, verifyPerCore * Environment.ProcessorCount);

    var figures = new Dictionary<string, double>
    {
        ["raw_throughput_per_s"] = rawSaturated.Throughput,
        ["incx_throughput_per_s"] = incxSaturated.Throughput,
        ["raw_saturated_p50_ms"] = rawSaturated.Latencies.Percentile(50),
        ["raw_saturated_p99_ms"] = rawSaturated.Latencies.Percentile(99),
        ["incx_saturated_p50_ms"] = incxSaturated.Latencies.Percentile(50),
        ["incx_saturated_p99_ms"] = incxSaturated.Latencies.Percentile(99),
        ["raw_fixed_p50_ms"] = rawFixed.Latencies.Percentile(50),
        ["raw_fixed_p99_ms"] = rawFixed.Latencies.Percentile(99),
        ["incx_fixed_p50_ms"] = incxFixed.Latencies.Percentile(50),
        ["incx_fixed_p99_ms"] = incxFixed.Latencies.Percentile(99),
        ["inspections_per_s_per_core"] = verifyPerCore,
        ["cores"] = Environment.ProcessorCount,
        ["gateway_rss_at_rest_mib"] = rssAtRest,
        ["gateway_rss_peak_mib"] = peakRss,
        ["raw_stream_read_per_s"] = rawRead,
        ["incx_replay_per_s"] = replay.PerSecond,
        ["replay_items"] = replay.Items,
        ["replay_failed_verification"] = replay.Failed,
        ["gateway_rss_before_replay_mib"] = rssBeforeReplay,
        ["gateway_rss_peak_replay_mib"] = replayPeakRss,
    };

    Console.WriteLine();
    Console.WriteLine($"{"figure",-32} {"value",12}");
    foreach (var (name, value) in figures)
    {
        Console.WriteLine($"{name,-32} {value.ToString("0.0", CultureInfo.InvariantCulture),12}");
    }

    var ratio = incxSaturated.Throughput / rawSaturated.Throughput;
    figures["ratio_e2e_raw_throughput"] = ratio;
    var replayRatio = replay.PerSecond / replayBound;
    figures["ratio_replay_raw"] = replayRatio;
    await File.WriteAllTextAsync("bench-results.json", JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true }));
    Console.WriteLine();
    Console.WriteLine($"ratio e2e/raw throughput = {ratio.ToString("0.00", CultureInfo.InvariantCulture)}");
    Console.WriteLine($"p99 at {rate}/s: incx {incxFixed.Latencies.Percentile(99).ToString("0.0", CultureInfo.InvariantCulture)} ms vs raw {rawFixed.Latencies.Percentile(99).ToString("0.0", CultureInfo.InvariantCulture)} ms (target: raw + 10 ms)");
    Console.WriteLine($"ratio replay/raw = {replayRatio.ToString("0.00", CultureInfo.InvariantCulture)} (verified replay {replay.PerSecond:0}/s vs min(raw stream read {rawRead:0}/s, verify ceiling x cores {verifyPerCore * Environment.ProcessorCount:0}/s))");
    Console.WriteLine($"gateway RSS during a replay of {replay.Items} entries: {rssBeforeReplay:0} MiB before, {replayPeakRss:0} MiB peak");
    Console.WriteLine("Figures written to bench-results.json.");
}

static int Argument(string name, int fallback)
{
    var args = Environment.GetCommandLineArgs();
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
}

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "IncidentExchange.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Run the benchmark from inside the repository.");
}
