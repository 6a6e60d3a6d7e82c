namespace IncidentExchange.Messaging;

/// <summary>How the gateway reaches its own national broker. Section <c>Incx:Broker</c>.</summary>
public sealed class BrokerOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Incx:Broker";

    /// <summary>AMQP URI of this node's broker, e.g. <c>amqp://incx:secret@127.0.0.1:5672/</c>.</summary>
    public Uri Uri { get; set; } = new("amqp://guest:guest@127.0.0.1:5672/");

    /// <summary>How long one publish attempt may wait for the broker's confirm.</summary>
    public TimeSpan ConfirmTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries after a failed publish attempt, with exponential backoff, before the RPC fails with UNAVAILABLE.</summary>
    public int PublishRetries { get; set; } = 3;

    /// <summary>How long the circuit stays open after repeated failures; publishes fail fast meanwhile.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Unacknowledged messages the inbox consumer holds at once.</summary>
    public int PrefetchCount { get; set; } = 64;

    /// <summary>Management HTTP API of this node's broker, used to apply the federation topology; same credentials as <see cref="Uri"/>.</summary>
    public Uri ManagementUri { get; set; } = new("http://127.0.0.1:15672/");

    /// <summary>How long a peer's link queue on this broker survives after the peer went away (federation upstream <c>expires</c>).</summary>
    public TimeSpan FederationQueueExpiry { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long a notice waits for a peer whose link is down before it is dropped (federation upstream <c>message-ttl</c>).</summary>
    public TimeSpan FederationMessageTtl { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Most notices waiting for one peer whose link is down. Beyond it the broker refuses new
    /// publishes (the RPC fails with UNAVAILABLE) rather than silently dropping old ones.
    /// </summary>
    public int FederationMaxQueued { get; set; } = 1_000_000;

    /// <summary>Most messages kept in the quarantine queue; the oldest are dropped beyond it, so a flood cannot fill the disk.</summary>
    public int QuarantineMaxLength { get; set; } = 100_000;

    /// <summary>How long the history stream keeps an envelope (stream retention <c>x-max-age</c>, whole segments at a time).</summary>
    public TimeSpan HistoryMaxAge { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Most bytes the history stream keeps; the oldest segments go first beyond it (<c>x-max-length-bytes</c>).</summary>
    public long HistoryMaxBytes { get; set; } = 20L * 1024 * 1024 * 1024;
}
