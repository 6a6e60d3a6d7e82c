using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IncidentExchange.Benchmarks;

/// <summary>One path (raw or incx): saturation and fixed-load runs, and CPU per message with the follow-up work.</summary>
internal sealed record PathFigures(RunResult Saturated, RunResult Fixed, CpuUse WithFollowUp)
{
    /// <summary>Cores busy between the first send and the last receive of the saturation run.</summary>
    public double CoresBusy => Saturated.InWindow!.CoresBusy;
}

/// <summary>The history read raw and replayed verified, and gateway B's memory around the replay.</summary>
internal sealed record ReplayFigures(StreamRead Raw, StreamRead Verified, double RssBefore, double RssPeak);

/// <summary>
/// The figures of one run: printed as a table, the CPU profile and the ratio lines (each with what bounds it), and
/// written to a JSON file with the same names.
/// </summary>
internal sealed record Report(
    PathFigures Raw,
    PathFigures Incx,
    int Rate,
    double VerifyPerCore,
    ReplayFigures Replay,
    IReadOnlyDictionary<string, double> RssAtRest,
    IReadOnlyDictionary<string, double> RssPeak,
    int StagesNotQuiet)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private static readonly string A = LocalSet.Nodes[0];
    private static readonly string B = LocalSet.Nodes[1];

    private static int Cores => Environment.ProcessorCount;

    private double ThroughputRatio => Incx.Saturated.Throughput / Raw.Saturated.Throughput;

    // As issue 7 defines it: verified replay against min(raw stream read, checks per core × cores).
    private double ReplayRatio => Replay.Verified.PerSecond / Math.Min(Replay.Raw.PerSecond, VerifyPerCore * Cores);

    // What the brokers and the client alone spend on incx's traffic (notice, durable inboxes, history streams at both
    // nodes, the receipt back) bounds it even if the gateways cost nothing: the same cores ÷ that CPU per notice.
    private double WithoutGatewaysMs => Incx.WithFollowUp.PerMessage.Where(p => !p.Name.StartsWith("gateway", StringComparison.Ordinal)).Sum(p => p.Ms);

    private double CeilingWithoutGateways => Incx.CoresBusy * 1000 / WithoutGatewaysMs;

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
        foreach (var ((name, raw), (_, incx)) in Raw.WithFollowUp.PerMessage.Zip(Incx.WithFollowUp.PerMessage))
        {
            await output.WriteLineAsync(string.Create(Invariant, $"{name,-32} {raw,8:0.000} {incx,8:0.000}"));
        }

        await output.WriteLineAsync(string.Create(Invariant, $"{"total",-32} {Raw.WithFollowUp.TotalMs,8:0.000} {Incx.WithFollowUp.TotalMs,8:0.000}"));
        await output.WriteLineAsync(string.Create(Invariant, $"{"cores busy while carrying them",-32} {Raw.CoresBusy,8:0.00} {Incx.CoresBusy,8:0.00}"));

        await output.WriteLineAsync();
        foreach (var line in Summary())
        {
            await output.WriteLineAsync(line);
        }

        await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(figures, Indented));
        await output.WriteLineAsync($"Figures written to {jsonPath}.");
    }

    private Dictionary<string, double> Figures()
    {
        var figures = new Dictionary<string, double>
        {
            ["raw_throughput_per_s"] = Raw.Saturated.Throughput,
            ["incx_throughput_per_s"] = Incx.Saturated.Throughput,
            ["raw_saturated_p50_ms"] = Raw.Saturated.Latencies.Percentile(50),
            ["raw_saturated_p99_ms"] = Raw.Saturated.Latencies.Percentile(99),
            ["incx_saturated_p50_ms"] = Incx.Saturated.Latencies.Percentile(50),
            ["incx_saturated_p99_ms"] = Incx.Saturated.Latencies.Percentile(99),
            ["raw_fixed_p50_ms"] = Raw.Fixed.Latencies.Percentile(50),
            ["raw_fixed_p99_ms"] = Raw.Fixed.Latencies.Percentile(99),
            ["incx_fixed_p50_ms"] = Incx.Fixed.Latencies.Percentile(50),
            ["incx_fixed_p99_ms"] = Incx.Fixed.Latencies.Percentile(99),
            ["inspections_per_s_per_core"] = VerifyPerCore,
            ["cores"] = Cores,
            ["gateway_a_rss_at_rest_mib"] = RssAtRest[A],
            ["gateway_b_rss_at_rest_mib"] = RssAtRest[B],
            ["gateway_a_rss_peak_mib"] = RssPeak[A],
            ["gateway_b_rss_peak_mib"] = RssPeak[B],
            ["raw_stream_read_per_s"] = Replay.Raw.PerSecond,
            ["raw_stream_read_cpu_ms_per_entry"] = Replay.Raw.Cpu.TotalMs,
            ["raw_stream_read_cores_busy"] = Replay.Raw.Cpu.CoresBusy,
            ["incx_replay_per_s"] = Replay.Verified.PerSecond,
            ["incx_replay_cpu_ms_per_entry"] = Replay.Verified.Cpu.TotalMs,
            ["incx_replay_cores_busy"] = Replay.Verified.Cpu.CoresBusy,
            ["replay_items"] = Replay.Verified.Entries,
            ["replay_failed_verification"] = Replay.Verified.Failed,
            ["gateway_b_rss_before_replay_mib"] = Replay.RssBefore,
            ["gateway_b_rss_peak_replay_mib"] = Replay.RssPeak,
        };
        foreach (var ((name, raw), (_, incx)) in Raw.WithFollowUp.PerMessage.Zip(Incx.WithFollowUp.PerMessage))
        {
            var key = name.Replace(' ', '_');
            figures[$"cpu_ms_per_message_raw_{key}"] = raw;
            figures[$"cpu_ms_per_message_incx_{key}"] = incx;
        }

        figures["cpu_ms_per_message_raw_total"] = Raw.WithFollowUp.TotalMs;
        figures["cpu_ms_per_message_incx_total"] = Incx.WithFollowUp.TotalMs;
        figures["cores_busy_raw"] = Raw.CoresBusy;
        figures["cores_busy_incx"] = Incx.CoresBusy;
        figures["incx_ceiling_without_gateway_cpu_per_s"] = CeilingWithoutGateways;
        figures["ratio_e2e_raw_throughput"] = ThroughputRatio;
        figures["ratio_replay_raw"] = ReplayRatio;
        figures["stages_started_before_quiet"] = StagesNotQuiet;
        return figures;
    }

    private IEnumerable<string> Summary()
    {
        if (StagesNotQuiet > 0)
        {
            yield return $"WARNING: {StagesNotQuiet} stage(s) started before the set was quiet; their figures include background work (CPU per message too). Run again on an idle machine.";
        }

        yield return string.Create(Invariant, $"ratio e2e/raw throughput = {ThroughputRatio:0.00}");
        yield return string.Create(Invariant, $"  what bounds it: incx used {Incx.WithFollowUp.TotalMs:0.000} CPU ms per notice (receipt and history copies included) against raw's {Raw.WithFollowUp.TotalMs:0.000}, with {Incx.CoresBusy:0.00} of {Cores} cores busy (raw {Raw.CoresBusy:0.00}); the brokers' and client's share alone ({WithoutGatewaysMs:0.000} ms) would allow {CeilingWithoutGateways:0}/s, a ratio of {CeilingWithoutGateways / Raw.Saturated.Throughput:0.00}, if the gateways cost nothing");
        yield return string.Create(Invariant, $"p99 at {Rate}/s: incx {Incx.Fixed.Latencies.Percentile(99):0.0} ms vs raw {Raw.Fixed.Latencies.Percentile(99):0.0} ms (target: raw + 10 ms)");
        yield return string.Create(Invariant, $"ratio replay/raw = {ReplayRatio:0.00} (verified replay {Replay.Verified.PerSecond:0}/s vs min(raw stream read {Replay.Raw.PerSecond:0}/s, verify ceiling x cores {VerifyPerCore * Cores:0}/s))");
        yield return string.Create(Invariant, $"  what bounds it: verified replay used {Replay.Verified.Cpu.TotalMs:0.000} CPU ms per entry against the raw read's {Replay.Raw.Cpu.TotalMs:0.000} (one verification: {1000 / VerifyPerCore:0.000} ms), with {Replay.Verified.Cpu.CoresBusy:0.00} of {Cores} cores busy (raw read {Replay.Raw.Cpu.CoresBusy:0.00})");
        yield return string.Create(Invariant, $"gateway RSS under load: A {RssAtRest[A]:0} MiB at rest, {RssPeak[A]:0} MiB peak; B {RssAtRest[B]:0} MiB at rest, {RssPeak[B]:0} MiB peak (target: 200 MB = 190.7 MiB)");
        yield return string.Create(Invariant, $"gateway B RSS during a replay of {Replay.Verified.Entries} entries: {Replay.RssBefore:0} MiB before, {Replay.RssPeak:0} MiB peak");
    }
}
