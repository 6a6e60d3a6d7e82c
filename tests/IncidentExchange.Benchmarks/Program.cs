using System.Globalization;
using IncidentExchange.Benchmarks;

// incx against raw RabbitMQ.Client, on the same machine, in the same run (issue 7).
//   dotnet run -c Release --project tests/IncidentExchange.Benchmarks [-- --notices 5000 --rate 100 --seconds 10]
var notices = Argument("--notices", 5000);
var rate = Argument("--rate", 100);
var seconds = Argument("--seconds", 10);
var replayed = Argument("--replay", 100_000);
var root = RepositoryRoot();
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(9));

Console.WriteLine($"Starting two federated nodes with deploy/local/up.sh (ports +{LocalSet.PortOffset}) ...");
await using var set = await LocalSet.StartAsync(root);
var rssAtRest = LocalSet.Nodes.ToDictionary(node => node, set.GatewayRssMiB);

// Both paths of both kinds (batch at saturation, one call per notice at the fixed load), so that no stage
// measures the JIT compiling a path the first time it is taken.
Console.WriteLine("Warming up ...");
await RawFederated.RunAsync(200, null, cancel.Token);
await IncxEndToEnd.RunAsync(set, 200, null, cancel.Token);
await RawFederated.RunAsync(200, 200, cancel.Token);
await IncxEndToEnd.RunAsync(set, 200, 200, cancel.Token);

Console.WriteLine($"Saturation: {notices} messages each ...");
var stagesNotQuiet = 0;
await SettleAsync();
var rawSaturated = await RawFederated.RunAsync(notices, null, cancel.Token, set.Processes());
var rawWithFollowUp = await SettleAsync(rawSaturated.Meter, notices);
var underLoad = new RssSampler(set);
var incxSaturated = await IncxEndToEnd.RunAsync(set, notices, null, cancel.Token, set.Processes());
// The receipts and history copies the notices caused are part of their cost: counted until the set is quiet.
var incxWithFollowUp = await SettleAsync(incxSaturated.Meter, notices);

Console.WriteLine($"Fixed load: {rate}/s for {seconds} s each ...");
var rawFixed = await RawFederated.RunAsync(rate * seconds, rate, cancel.Token);
await SettleAsync();
var incxFixed = await IncxEndToEnd.RunAsync(set, rate * seconds, rate, cancel.Token);
await SettleAsync();
var verifyPerCore = VerifyCeiling.InspectionsPerSecondPerCore(TimeSpan.FromSeconds(3));

Console.WriteLine($"Replay: filling node B's history with {replayed} signed notices ...");
await ReplayStage.FillAsync(replayed, set.KeyFile(LocalSet.Nodes[0]), cancel.Token);
await SettleAsync();
var rawRead = await ReplayStage.RawReadAsync(set.Processes(), cancel.Token);
await SettleAsync();
var rssBeforeReplay = set.GatewayRssMiB(LocalSet.Nodes[1]);
var duringReplay = new RssSampler(set);
var replay = await ReplayStage.ReplayAsync(set, cancel.Token);
duringReplay.Stop();
underLoad.Stop();

var report = new Report(
    new PathFigures(rawSaturated, rawFixed, rawWithFollowUp!),
    new PathFigures(incxSaturated, incxFixed, incxWithFollowUp!),
    rate,
    verifyPerCore,
    new ReplayFigures(rawRead, replay, rssBeforeReplay, duringReplay.Peaks[LocalSet.Nodes[1]]),
    rssAtRest,
    underLoad.Peaks,
    stagesNotQuiet);
await report.WriteAsync(Console.Out, "bench-results.json");

// Each stage starts from a quiet set, so that none pays for the background work of the one before; with a meter,
// returns what it read when the quiet began. A set that never became quiet is counted and reported.
async Task<CpuUse?> SettleAsync(CpuMeter? meter = null, long messages = 1)
{
    var (quiet, reading) = await QuietSet.WaitAsync(set.Processes(), TimeSpan.FromSeconds(30), meter, messages, cancel.Token);
    if (!quiet)
    {
        stagesNotQuiet++;
        Console.WriteLine("  (the set did not become quiet within 30 s; measuring anyway)");
    }

    return reading;
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
