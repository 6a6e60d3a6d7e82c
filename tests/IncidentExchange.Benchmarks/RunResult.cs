namespace IncidentExchange.Benchmarks;

/// <summary>
/// Throughput (messages per second, first send to last receive), per-message latencies, and, when asked for, the CPU
/// meter started with the first send and what it read at the last receive.
/// </summary>
internal sealed record RunResult(double Throughput, Latencies Latencies, CpuMeter? Meter = null, CpuUse? InWindow = null);
