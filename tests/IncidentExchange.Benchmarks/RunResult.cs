namespace IncidentExchange.Benchmarks;

/// <summary>Throughput (messages per second, first send to last receive) and per-message latencies.</summary>
internal sealed record RunResult(double Throughput, Latencies Latencies);
