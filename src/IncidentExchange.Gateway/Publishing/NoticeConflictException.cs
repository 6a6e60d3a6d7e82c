using IncidentExchange.Core.Failures;

namespace IncidentExchange.Gateway.Publishing;

/// <summary>The same notice id and revision was already published with other content.</summary>
public sealed class NoticeConflictException(string noticeId, uint revision)
    : IncxException(FailureKind.AlreadyExists, $"Notice {noticeId} revision {revision} was already published with different content; publish the change as revision {revision + 1}.");
