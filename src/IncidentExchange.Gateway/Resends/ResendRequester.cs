using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Failures;
using IncidentExchange.Core.Resends;
using IncidentExchange.Core.Wire;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Contacts;
using IncidentExchange.Gateway.Routing;
using IncidentExchange.Gateway.History;
using IncidentExchange.Gateway.Publishing;
using IncidentExchange.Messaging.Publishing;

namespace IncidentExchange.Gateway.Resends;

/// <summary>Signs and sends this node's request to an origin for the notices of a sequence range it misses (routing key <c>resend.&lt;origin&gt;</c>).</summary>
public sealed class ResendRequester(NodeIdentity identity, OwnKeys keys, KnownNodes nodes, HistoryRecorder recorder, ConfirmingPublisher publisher, TimeProvider time)
{
    /// <summary>Returns the request id once the broker confirmed the request.</summary>
    public async Task<string> RequestAsync(string origin, ulong from, ulong to, CancellationToken cancellationToken)
    {
        if (origin == identity.NodeId || !nodes.Contains(origin))
        {
            throw new ResendRejectedException(new FieldViolation("origin", $"'{Core.Inbound.PeerValues.Printable(origin)}' is not a peer of this node (peers: {string.Join(", ", nodes.Peers)})."));
        }

        var now = time.GetUtcNow();
        var request = new ResendRequest
        {
            RequestId = Guid.CreateVersion7(now).ToString("D"),
            Requester = identity.NodeId,
            Origin = origin,
            FromSequence = from,
            ToSequence = to,
            IssuedAt = Timestamp.FromDateTimeOffset(now),
        };
        var violations = ResendRules.Violations(request);
        if (violations.Count > 0)
        {
            throw new ResendRejectedException("The re-send request cannot be sent: " + string.Join(" ", FieldViolation.Sentences(violations)), violations);
        }

        var body = keys.Current.Seal(request).ToByteArray();
        var messageId = $"resend-request/{request.RequestId}";
        await publisher.PublishAsync(
            [
                new OutgoingMessage(WireProtocol.ExchangeName, RoutingKeys.ResendTo(origin), body, messageId, PayloadHeaders.For(PayloadTypes.ResendRequest)),
                recorder.SentEntry(body, PayloadTypes.ResendRequest, messageId),
            ],
            cancellationToken);
        return request.RequestId;
    }
}
