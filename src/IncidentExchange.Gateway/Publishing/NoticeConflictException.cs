namespace IncidentExchange.Gateway.Publishing;

/// <summary>The same notice id and revision was already published with other content.</summary>
public sealed class NoticeConflictException(string noticeId, uint revision)
    : Exception($"Notice {noticeId} revision {revision} was already published with different content; publish the change as revision {revision + 1}.");
