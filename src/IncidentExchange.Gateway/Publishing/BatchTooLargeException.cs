using IncidentExchange.Core.Failures;

namespace IncidentExchange.Gateway.Publishing;

/// <summary>A PublishBatch stream carried more notices than one batch may; nothing of it was published.</summary>
public sealed class BatchTooLargeException(int maxBatch)
    : IncxException(FailureKind.ResourceExhausted, $"A batch may carry at most {maxBatch} notices; nothing was published.");
