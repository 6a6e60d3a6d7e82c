using System.Globalization;
using System.Text.Json;

namespace IncidentExchange.Benchmarks;

/// <summary>
/// The figures of one run: printed as a table, the CPU profile and the ratio lines (each with what bounds it), and
/// written to a JSON file with the same names.
/// </summary>
internal sealed record Report(
    RunResult RawSaturated,
    RunResult IncxSaturated,
    RunResult RawFixed,
    RunResult IncxFixed,
    int Rate,
    CpuUse RawCpu,
    CpuUse IncxCpu,
    double RawCoresBusy,
    double IncxCoresBusy,
    double VerifyPerCore,
    IReadOnlyDictionary<string, double> RssAtRest,
    IReadOnlyDictionary<string, double> RssPeak,
    double RawRead,
    (double PerSecond, long Items, long Failed) Replay,
    double RssBeforeReplay,
    double RssPeakDuringReplay)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static int Cores => Environment.ProcessorCount;

    private double ThroughputRatio => IncxSaturated.Throughput / RawSaturated.Throughput;

    // As issue 7 defines it: verified replay against min(raw stream read, checks per core × cores).
    private double ReplayRatio => Replay.PerSecond / Math.Min(RawRead, VerifyPerCore * Cores);

    // That bound assumes verification runs on cores the broker does not need. Here they share the same cores, so
    // reading and verifying add up: 1 / (1/raw read + 1/(checks per core × cores)).
    private double SharedCoresReplayBound => 1 / ((1 / RawRead) + (1 / (VerifyPerCore * Cores)));

    // What the brokers and the client alone spend on incx's traffic (notice, durable inboxes, history streams at both
    // nodes, the receipt back) bounds it even if the gateways cost nothing: the same cores ÷ that CPU per notice.
    private double WithoutGatewaysMs => IncxCpu.PerMessage.Where(p => !p.Name.StartsWith("gateway", StringComparison.Ordinal)).Sum(p => p.Ms);

    private double CeilingWithoutGateways => IncxCoresBusy * 1000 / WithoutGatewaysMs;

    public async Task WriteAsync(TextWriter output, string jsonPath)
    {
        var figures = Figures();
        await output.WriteLineAsync();
        await output.WriteLineAsync($"{"figure",-44} {"value",12}");
        foreach (var (name, value) in figures)
        {
            await output.WriteLineAsync($"{name,-44} {value.ToString("0.000", Invariant),12}");
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync($"{"CPU ms per message (saturation)",-32} {"raw",8} {"incx",8}");
        foreach (var ((name, raw), (_, incx)) in RawCpu.PerMessage.Zip(IncxCpu.PerMessage))
        {
            await output.WriteLineAsync(string.Create(Invariant, $"{name,-32} {raw,8:0.000} {incx,8:0.000}"));
        }

        await output.WriteLineAsync(string.Create(Invariant, $"{"total",-32} {RawCpu.TotalMs,8:0.000} {IncxCpu.TotalMs,8:0.000}"));
        await output.WriteLineAsync(string.Create(Invariant, $"{"cores busy while carrying them",-32} {RawCoresBusy,8:0.00} {IncxCoresBusy,8:0.00}"));

        await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(figures, Indented));
        await output.WriteLineAsync();
        foreach (var line in Summary())
        {
            await output.WriteLineAsync(line);
        }

        await output.WriteLineAsync($"Figures written to {jsonPath}.");
    }

    private Dictionary<string, double> Figures()
    {
        var figures = new Dictionary<string, double>
        {
            ["raw_throughput_per_s"] = RawSaturated.Throughput,
            ["incx_throughput_per_s"] = IncxSaturated.Throughput,
            ["raw_saturated_p50_ms"] = RawSaturated.Latencies.Percentile(50),
            ["raw_saturated_p99_ms"] = RawSaturated.Latencies.Percentile(99),
            ["incx_saturated_p50_ms"] = IncxSaturated.Latencies.Percentile(50),
            ["incx_saturated_p99_ms"] = IncxSaturated.Latencies.Percentile(99),
            ["raw_fixed_p50_ms"] = RawFixed.Latencies.Percentile(50),
            ["raw_fixed_p99_ms"] = RawFixed.Latencies.Percentile(99),
            ["incx_fixed_p50_ms"] = IncxFixed.Latencies.Percentile(50),
            ["incx_fixed_p99_ms"] = IncxFixed.Latencies.Percentile(99),
            ["inspections_per_s_per_core"] = VerifyPerCore,
            ["cores"] = Cores,
            ["gateway_a_rss_at_rest_mib"] = RssAtRest["bna"],
            ["gateway_b_rss_at_rest_mib"] = RssAtRest["bnb"],
            ["gateway_a_rss_peak_mib"] = RssPeak["bna"],
            ["gateway_b_rss_peak_mib"] = RssPeak["bnb"],
            ["raw_stream_read_per_s"] = RawRead,
            ["incx_replay_per_s"] = Replay.PerSecond,
            ["replay_items"] = Replay.Items,
            ["replay_failed_verification"] = Replay.Failed,
            ["gateway_rss_before_replay_mib"] = RssBeforeReplay,
            ["gateway_rss_peak_replay_mib"] = RssPeakDuringReplay,
        };
        foreach (var ((name, raw), (_, incx)) in RawCpu.PerMessage.Zip(IncxCpu.PerMessage))
        {
            var key = name.Replace(' ', '_');
            figures[$"cpu_ms_per_message_raw_{key}"] = raw;
            figures[$"cpu_ms_per_message_incx_{key}"] = incx;
        }

        figures["cpu_ms_per_message_raw_total"] = RawCpu.TotalMs;
        figures["cpu_ms_per_message_incx_total"] = IncxCpu.TotalMs;
        figures["cores_busy_raw"] = RawCoresBusy;
        figures["cores_busy_incx"] = IncxCoresBusy;
        figures["incx_ceiling_without_gateway_cpu_per_s"] = CeilingWithoutGateways;
        figures["replay_shared_cores_bound_per_s"] = SharedCoresReplayBound;
        figures["ratio_e2e_raw_throughput"] = ThroughputRatio;
        figures["ratio_replay_raw"] = ReplayRatio;
        return figures;
    }

    private IEnumerable<string> Summary()
    {
        yield return string.Create(Invariant, $"ratio e2e/raw throughput = {ThroughputRatio:0.00}");
        yield return string.Create(Invariant, $"  bound: incx used {IncxCpu.TotalMs:0.000} CPU ms per notice against raw's {RawCpu.TotalMs:0.000}; with gateways costing nothing, the brokers' and client's share alone ({WithoutGatewaysMs:0.000} ms) would allow {CeilingWithoutGateways:0}/s, a ratio of {CeilingWithoutGateways / RawSaturated.Throughput:0.00}");
        yield return string.Create(Invariant, $"p99 at {Rate}/s: incx {IncxFixed.Latencies.Percentile(99):0.0} ms vs raw {RawFixed.Latencies.Percentile(99):0.0} ms (target: raw + 10 ms)");
        yield return string.Create(Invariant, $"ratio replay/raw = {ReplayRatio:0.00} (verified replay {Replay.PerSecond:0}/s vs min(raw stream read {RawRead:0}/s, verify ceiling x cores {VerifyPerCore * Cores:0}/s))");
        yield return string.Create(Invariant, $"  bound on shared cores: reading and verifying on the same {Cores} cores allow {SharedCoresReplayBound:0}/s; verified replay reached {Replay.PerSecond / SharedCoresReplayBound:0.00} of it");
        yield return string.Create(Invariant, $"gateway RSS under load: A {RssAtRest["bna"]:0} MiB at rest, {RssPeak["bna"]:0} MiB peak; B {RssAtRest["bnb"]:0} MiB at rest, {RssPeak["bnb"]:0} MiB peak (target: 200 MB = 190.7 MiB)");
        yield return string.Create(Invariant, $"gateway RSS during a replay of {Replay.Items} entries: {RssBeforeReplay:0} MiB before, {RssPeakDuringReplay:0} MiB peak");
    }
}
