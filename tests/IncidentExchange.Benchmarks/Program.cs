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
await SettleAsync();
CpuMeter? rawCpu = null;
var rawSaturated = await RawFederated.RunAsync(notices, null, cancel.Token, () => rawCpu = CpuMeter.Start(set.Processes()));
var rawCoresBusy = rawCpu!.Stop(notices).CoresBusy;
await SettleAsync();
var rawCpuUse = rawCpu.Stop(notices);
using (var underLoad = new RssSampler(set))
{
    CpuMeter? incxCpu = null;
    var incxSaturated = await IncxEndToEnd.RunAsync(set, notices, null, cancel.Token, () => incxCpu = CpuMeter.Start(set.Processes()));
    var incxCoresBusy = incxCpu!.Stop(notices).CoresBusy;
    // The receipts and history copies the notices caused are part of their cost: counted once the set is quiet.
    await SettleAsync();
    var incxCpuUse = incxCpu.Stop(notices);

    Console.WriteLine($"Fixed load: {rate}/s for {seconds} s each ...");
    var rawFixed = await RawFederated.RunAsync(rate * seconds, rate, cancel.Token);
    await SettleAsync();
    var incxFixed = await IncxEndToEnd.RunAsync(set, rate * seconds, rate, cancel.Token);
    await SettleAsync();
    var verifyPerCore = VerifyCeiling.InspectionsPerSecondPerCore(TimeSpan.FromSeconds(3));

    Console.WriteLine($"Replay: filling node B's history with {replayed} signed notices ...");
    await ReplayStage.FillAsync(replayed, set.KeyFile("bna"), cancel.Token);
    await SettleAsync();
    var rawRead = await ReplayStage.RawReadAsync(cancel.Token);
    var rssBeforeReplay = set.GatewayRssMiB("bnb");
    (double PerSecond, long Items, long Failed) replay;
    double replayPeakRss;
    using (var duringReplay = new RssSampler(set))
    {
        replay = await ReplayStage.ReplayAsync(set, cancel.Token);
        duringReplay.Dispose();
        replayPeakRss = duringReplay.Peak("bnb");
    }

    underLoad.Dispose();

    var report = new Report(
        rawSaturated, incxSaturated, rawFixed, incxFixed, rate, rawCpuUse, incxCpuUse, rawCoresBusy, incxCoresBusy, verifyPerCore,
        rssAtRest, LocalSet.Nodes.ToDictionary(node => node, underLoad.Peak), rawRead, replay, rssBeforeReplay, replayPeakRss);
    await report.WriteAsync(Console.Out, "bench-results.json");
}

// Each stage starts from a quiet set, so that none pays for the background work of the one before.
async Task SettleAsync()
{
    if (await CpuMeter.WaitForQuietAsync(set.Processes(), TimeSpan.FromSeconds(60), cancel.Token) is null)
    {
        Console.WriteLine("  (the set did not become quiet within 60 s; measuring anyway)");
    }
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
