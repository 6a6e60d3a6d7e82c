using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Checks;
using IncidentExchange.Core.Failures;
using IncidentExchange.Core.Wire;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Contacts;
using IncidentExchange.Gateway.Routing;
using IncidentExchange.Gateway.History;
using IncidentExchange.Gateway.Observability;
using IncidentExchange.Gateway.Publishing;
using IncidentExchange.Messaging;
using IncidentExchange.Messaging.Publishing;

namespace IncidentExchange.Gateway.Checks;

/// <summary>
/// Sends a communication check: one signed CommunicationCheck naming every target, published once per target with
/// routing key <c>check.&lt;target&gt;</c> (the same body each time), so only the targets' brokers receive it. A target
/// the broker has no route to is reported as not sent; the others are still asked.
/// </summary>
public sealed class CheckSender(
    NodeIdentity identity,
    OwnKeys keys,
    KnownNodes nodes,
    CheckBook book,
    HistoryRecorder history,
    ConfirmingPublisher publisher,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<CheckSender> logger)
{
    /// <summary>How long targets have to answer when the request does not say.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Longest timeout a check may have.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(7);

    /// <summary>Sends the check; returns its report once the broker confirmed (or refused) every copy.</summary>
    public async Task<CheckReport> StartAsync(StartCheckRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var timeout = Timeout(request);
        var now = time.GetUtcNow();
        var check = new CommunicationCheck
        {
            CheckId = Guid.CreateVersion7(now).ToString("D"),
            Origin = identity.NodeId,
            IssuedAt = Timestamp.FromDateTimeOffset(now),
            Text = request.Text.Length > 0 ? request.Text : $"Communication check from {identity.NodeId}: please acknowledge.",
        };
        check.Targets.Add(Targets(request));
        var violations = CheckValidator.Violations(check);
        if (violations.Count > 0)
        {
            throw new CheckRejectedException("The check cannot be sent: " + string.Join(" ", FieldViolation.Sentences(violations)), violations);
        }

        var body = keys.Current.Seal(check).ToByteArray();
        // Recorded before publishing: a fast receipt must find the check it answers.
        book.Sent(check, timeout);
        var sent = 0;
        foreach (var target in check.Targets)
        {
            // One at a time: a target without a route must not stop the others from being asked.
            if (await TrySendAsync(check, target, body, cancellationToken) is { } failure)
            {
                book.NotSent(check.CheckId, target, failure, time.GetUtcNow());
            }
            else
            {
                sent++;
            }
        }

        metrics.ChecksSent(sent);
        if (sent > 0)
        {
            await RecordAsync(body, check);
        }

        return book.Report(check.CheckId, time.GetUtcNow())!;
    }

    // The check is out: a history that cannot be written now is logged, not a reason to report the check failed.
    private async Task RecordAsync(byte[] body, CommunicationCheck check)
    {
        try
        {
            await publisher.PublishAsync([history.SentEntry(body, PayloadTypes.CommunicationCheck, MessageIds.For(check))], CancellationToken.None);
        }
        catch (Exception ex) when (ex is UnroutableException or BrokerRefusedException or BrokerUnavailableException)
        {
            logger.LogWarning("Check {CheckId} was sent but could not be added to the history: {Reason}", check.CheckId, ex.Message);
        }
    }

    // Null once the broker confirmed the copy for target; else why it was not (or may not have been) sent.
    private async Task<string?> TrySendAsync(CommunicationCheck check, string target, byte[] body, CancellationToken cancellationToken)
    {
        try
        {
            await publisher.PublishAsync([new OutgoingMessage(WireProtocol.ExchangeName, RoutingKeys.CheckTo(target), body, MessageIds.For(check), PayloadHeaders.Check)], cancellationToken);
            return null;
        }
        catch (UnroutableException)
        {
            return $"this node's broker has no federation link bound for {target} (routing key {RoutingKeys.CheckTo(target)}).";
        }
        catch (BrokerRefusedException)
        {
            return "this node's broker refused to store it.";
        }
        catch (BrokerUnavailableException)
        {
            return "this node's broker did not confirm it in time; it may or may not have gone out.";
        }
        catch (OperationCanceledException)
        {
            // The caller went away mid-way: the targets not yet asked are not blamed for silence.
            return "the request was cancelled before this copy was sent.";
        }
    }

    private IEnumerable<string> Targets(StartCheckRequest request)
    {
        if (request.All == (request.Targets.Count > 0))
        {
            throw new CheckRejectedException(new FieldViolation("targets", "Name the nodes to check, or ask for all peers; not both, not neither."));
        }

        if (request.All)
        {
            return nodes.Peers.Count > 0 ? nodes.Peers.Order(StringComparer.Ordinal) : throw new CheckRejectedException(new FieldViolation("all", "This node has no peers to check."));
        }

        if (request.Targets.FirstOrDefault(t => t == identity.NodeId || !nodes.Contains(t)) is { } unknown)
        {
            throw new CheckRejectedException(new FieldViolation($"targets[{request.Targets.IndexOf(unknown)}]", unknown == identity.NodeId
                ? "A node does not check itself; name its peers."
                : $"'{Core.Inbound.PeerValues.Printable(unknown)}' is not a peer of this node (peers: {string.Join(", ", nodes.Peers)})."));
        }

        return request.Targets.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
    }

    private static TimeSpan Timeout(StartCheckRequest request)
    {
        if (request.Timeout is null)
        {
            return DefaultTimeout;
        }

        // Compared as seconds first: a huge Duration does not fit a TimeSpan.
        var seconds = request.Timeout.Seconds;
        return seconds >= 1 && seconds <= MaxTimeout.TotalSeconds && request.Timeout.Nanos is >= 0 and < 1_000_000_000
            ? request.Timeout.ToTimeSpan()
            : throw new CheckRejectedException(new FieldViolation("timeout", $"The timeout must be between 1 second and {MaxTimeout.TotalDays} days."));
    }
}
