using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IncidentExchange.Contracts.V1;
using IncidentExchange.IntegrationTests.Support;

namespace IncidentExchange.IntegrationTests.Hardening;

/// <summary>One way to make an incx RPC fail, and the status the API documents for it.</summary>
public sealed record RpcErrorCase(string Rpc, string Input, StatusCode Expected, Func<RpcErrorNodes, Task> Call)
{
    public override string ToString() => $"{Rpc} {Input}";
}

/// <summary>
/// For every RPC of every incx service, the inputs that make it fail, one per distinct failure it can meet (README,
/// "The gateway API"), each with the status it must answer. An RPC that cannot fail for a client holding its role
/// (it only reads what the node holds) has one case expecting OK, so the table names every RPC.
/// </summary>
public static class RpcErrorCases
{
    private const string Gateway = "IncidentGateway/";
    private const string Contacts = "PointsOfContact/";
    private const string History = "History/";
    private const string NotANodeId = "Not A Node";

    public static IReadOnlyList<RpcErrorCase> All { get; } =
    [
        new(Gateway + "Publish", "without a notice", StatusCode.InvalidArgument, n => n.Gateway.PublishAsync(new PublishRequest(), deadline: Soon).ResponseAsync),
        new(Gateway + "Publish", "breaking a notice rule", StatusCode.InvalidArgument, n => n.Gateway.PublishAsync(Drafts.Request(Untitled()), deadline: Soon).ResponseAsync),
        new(Gateway + "Publish", "with another origin", StatusCode.InvalidArgument, n => n.Gateway.PublishAsync(Drafts.Request(With(Drafts.Broadcast("theirs"), d => d.Origin = "zz-elsewhere")), deadline: Soon).ResponseAsync),
        new(Gateway + "Publish", "to an unknown community", StatusCode.InvalidArgument, n => n.Gateway.PublishAsync(Drafts.Request(To(new Audience { Community = "nowhere" })), deadline: Soon).ResponseAsync),
        new(Gateway + "Publish", "to a node that is no peer", StatusCode.InvalidArgument, n => n.Gateway.PublishAsync(Drafts.Request(To(new Audience { Nodes = { "zz-stranger" } })), deadline: Soon).ResponseAsync),
        new(Gateway + "Publish", "again with other content", StatusCode.AlreadyExists, async n =>
        {
            var first = await n.Gateway.PublishAsync(Drafts.Request(Drafts.Broadcast("first words")), deadline: Soon);
            await n.Gateway.PublishAsync(Drafts.Request(With(Drafts.Broadcast("second thoughts"), d => d.NoticeId = first.NoticeId)), deadline: Soon);
        }),
        new(Gateway + "Publish", "to a peer without a federation link", StatusCode.FailedPrecondition, n => n.Gateway.PublishAsync(Drafts.Request(To(new Audience { Nodes = { n.Peer } })), deadline: Soon).ResponseAsync),
        new(Gateway + "Publish", "while the broker is away", StatusCode.Unavailable, n => n.AwayGateway.PublishAsync(Drafts.Request(Drafts.Broadcast("nowhere to go")), deadline: Soon).ResponseAsync),

        new(Gateway + "PublishBatch", "of more notices than a batch may carry", StatusCode.ResourceExhausted, n => BatchAsync(n.Gateway, Enumerable.Range(0, 1_001).Select(i => Drafts.Broadcast($"batch {i}")))),
        new(Gateway + "PublishBatch", "with a notice breaking a rule", StatusCode.InvalidArgument, n => BatchAsync(n.Gateway, [Drafts.Broadcast("fine"), Untitled()])),
        new(Gateway + "PublishBatch", "repeating a notice", StatusCode.InvalidArgument, n => BatchAsync(n.Gateway, Repeated())),
        new(Gateway + "PublishBatch", "with a message that is not protobuf", StatusCode.InvalidArgument, async n =>
        {
            var status = await RpcCalls.ClientStreamRawAsync(n.Node.Channel.CreateCallInvoker(), "incx.v1.IncidentGateway", "PublishBatch", [0xFF, 0xFF, 0xFF, 0x0A]);
            throw new RpcException(status);
        }),
        new(Gateway + "PublishBatch", "while the broker is away", StatusCode.Unavailable, n => BatchAsync(n.AwayGateway, [Drafts.Broadcast("nowhere to go")])),

        new(Gateway + "Subscribe", "with an invalid subscription name", StatusCode.InvalidArgument, n => DrainAsync(n.Gateway.Subscribe(new SubscribeRequest { Subscription = NotANodeId }, deadline: Soon))),
        new(Gateway + "Subscribe", "with other filters than the subscription's", StatusCode.FailedPrecondition, async n =>
        {
            var name = NewName();
            using (var first = n.Gateway.Subscribe(new SubscribeRequest { Subscription = name, MinSeverity = Severity.High }, deadline: Soon))
            {
                await first.ResponseHeadersAsync;
            }

            await DrainAsync(n.Gateway.Subscribe(new SubscribeRequest { Subscription = name, MinSeverity = Severity.Low }, deadline: Soon));
        }),
        new(Gateway + "Subscribe", "as a second client of a subscription", StatusCode.FailedPrecondition, async n =>
        {
            var name = NewName();
            using var first = n.Gateway.Subscribe(new SubscribeRequest { Subscription = name }, deadline: Soon);
            await first.ResponseHeadersAsync;
            await DrainAsync(n.Gateway.Subscribe(new SubscribeRequest { Subscription = name }, deadline: Soon));
        }),
        new(Gateway + "Subscribe", "durably while the management API is away", StatusCode.Unavailable, n => DrainAsync(n.AwayGateway.Subscribe(new SubscribeRequest { Subscription = NewName() }, deadline: Soon))),

        new(Gateway + "Acknowledge", "with a long acknowledged_by", StatusCode.InvalidArgument, n => n.Gateway.AcknowledgeAsync(new AcknowledgeRequest { Subscription = NewName(), NoticeId = NewId(), AcknowledgedBy = new string('a', 101) }, deadline: Soon).ResponseAsync),
        new(Gateway + "Acknowledge", "with an invalid subscription name", StatusCode.InvalidArgument, n => n.Gateway.AcknowledgeAsync(new AcknowledgeRequest { Subscription = NotANodeId, NoticeId = NewId() }, deadline: Soon).ResponseAsync),
        new(Gateway + "Acknowledge", "with no client connected", StatusCode.FailedPrecondition, n => n.Gateway.AcknowledgeAsync(new AcknowledgeRequest { Subscription = NewName(), NoticeId = NewId() }, deadline: Soon).ResponseAsync),

        new(Gateway + "ListSubscriptions", "while the management API is away", StatusCode.Unavailable, n => n.AwayGateway.ListSubscriptionsAsync(new ListSubscriptionsRequest(), deadline: Soon).ResponseAsync),

        new(Gateway + "DeleteSubscription", "with an invalid name", StatusCode.InvalidArgument, n => n.Gateway.DeleteSubscriptionAsync(new DeleteSubscriptionRequest { Name = NotANodeId }, deadline: Soon).ResponseAsync),
        new(Gateway + "DeleteSubscription", "of no subscription", StatusCode.NotFound, n => n.Gateway.DeleteSubscriptionAsync(new DeleteSubscriptionRequest { Name = NewName() }, deadline: Soon).ResponseAsync),
        new(Gateway + "DeleteSubscription", "while the management API is away", StatusCode.Unavailable, n => n.AwayGateway.DeleteSubscriptionAsync(new DeleteSubscriptionRequest { Name = NewName() }, deadline: Soon).ResponseAsync),

        new(Gateway + "GetDeliveryStatus", "of a notice published elsewhere", StatusCode.NotFound, n => n.Gateway.GetDeliveryStatusAsync(new DeliveryStatusRequest { NoticeId = NewId() }, deadline: Soon).ResponseAsync),

        new(Gateway + "StartCheck", "naming no target", StatusCode.InvalidArgument, n => n.Gateway.StartCheckAsync(new StartCheckRequest(), deadline: Soon).ResponseAsync),
        new(Gateway + "StartCheck", "of all peers at a node without any", StatusCode.InvalidArgument, n => n.AwayGateway.StartCheckAsync(new StartCheckRequest { All = true }, deadline: Soon).ResponseAsync),
        new(Gateway + "StartCheck", "of a node that is no peer", StatusCode.InvalidArgument, n => n.Gateway.StartCheckAsync(new StartCheckRequest { Targets = { "zz-stranger" } }, deadline: Soon).ResponseAsync),
        new(Gateway + "StartCheck", "of the node itself", StatusCode.InvalidArgument, n => n.Gateway.StartCheckAsync(new StartCheckRequest { Targets = { n.Node.NodeId } }, deadline: Soon).ResponseAsync),
        new(Gateway + "StartCheck", "with a timeout over 7 days", StatusCode.InvalidArgument, n => n.Gateway.StartCheckAsync(new StartCheckRequest { Targets = { n.Peer }, Timeout = Duration.FromTimeSpan(TimeSpan.FromDays(8)) }, deadline: Soon).ResponseAsync),
        new(Gateway + "StartCheck", "with a control character in its text", StatusCode.InvalidArgument, n => n.Gateway.StartCheckAsync(new StartCheckRequest { Targets = { n.Peer }, Text = "ring\a" }, deadline: Soon).ResponseAsync),

        new(Gateway + "GetCheckReport", "of a check never sent", StatusCode.NotFound, n => n.Gateway.GetCheckReportAsync(new CheckReportRequest { CheckId = NewId() }, deadline: Soon).ResponseAsync),
        new(Gateway + "ListChecks", "(only reads)", StatusCode.OK, n => n.Gateway.ListChecksAsync(new ListChecksRequest { Limit = uint.MaxValue }, deadline: Soon).ResponseAsync),
        new(Gateway + "ListNodes", "(only reads; link states unknown while the management API is away)", StatusCode.OK, n => n.AwayGateway.ListNodesAsync(new ListNodesRequest(), deadline: Soon).ResponseAsync),

        new(Contacts + "ListContacts", "(only reads)", StatusCode.OK, n => n.Contacts.ListContactsAsync(new ListContactsRequest(), deadline: Soon).ResponseAsync),
        new(Contacts + "GetContact", "with an invalid node id", StatusCode.InvalidArgument, n => n.Contacts.GetContactAsync(new GetContactRequest { NodeId = NotANodeId }, deadline: Soon).ResponseAsync),
        new(Contacts + "GetContact", "of a node nothing is known of", StatusCode.NotFound, n => n.Contacts.GetContactAsync(new GetContactRequest { NodeId = "zz-stranger" }, deadline: Soon).ResponseAsync),
        new(Contacts + "GetContactHistory", "with an invalid node id", StatusCode.InvalidArgument, n => n.Contacts.GetContactHistoryAsync(new GetContactRequest { NodeId = NotANodeId }, deadline: Soon).ResponseAsync),
        new(Contacts + "GetContactHistory", "of a node nothing is known of", StatusCode.NotFound, n => n.Contacts.GetContactHistoryAsync(new GetContactRequest { NodeId = "zz-stranger" }, deadline: Soon).ResponseAsync),
        new(Contacts + "PublishContacts", "without organisation", StatusCode.InvalidArgument, n => n.Contacts.PublishContactsAsync(new PublishContactsRequest { Contacts = { Desk("desk@example.org") } }, deadline: Soon).ResponseAsync),
        new(Contacts + "PublishContacts", "breaking a record rule", StatusCode.InvalidArgument, n => n.Contacts.PublishContactsAsync(new PublishContactsRequest { Organisation = "CERT", Contacts = { Desk("not-an-address") } }, deadline: Soon).ResponseAsync),
        new(Contacts + "PublishContacts", "while the broker is away", StatusCode.Unavailable, n => n.AwayContacts.PublishContactsAsync(new PublishContactsRequest { Organisation = "CERT", Contacts = { Desk("desk@example.org") } }, deadline: Soon).ResponseAsync),
        new(Contacts + "RotateKey", "with a negative overlap", StatusCode.InvalidArgument, n => n.Contacts.RotateKeyAsync(new RotateKeyRequest { Overlap = new Duration { Seconds = -60 } }, deadline: Soon).ResponseAsync),
        new(Contacts + "RotateKey", "while the broker is away", StatusCode.Unavailable, n => n.AwayContacts.RotateKeyAsync(new RotateKeyRequest(), deadline: Soon).ResponseAsync),
        new(Contacts + "RevokeKey", "without a reason", StatusCode.InvalidArgument, n => n.Contacts.RevokeKeyAsync(new RevokeKeyRequest { KeyId = "any" }, deadline: Soon).ResponseAsync),
        new(Contacts + "RevokeKey", "at a time that is not one", StatusCode.InvalidArgument, n => n.Contacts.RevokeKeyAsync(new RevokeKeyRequest { KeyId = "any", Reason = "compromised", RevokedAt = new Timestamp { Seconds = -1 } }, deadline: Soon).ResponseAsync),
        new(Contacts + "RevokeKey", "of a key the node does not have", StatusCode.NotFound, n => n.Contacts.RevokeKeyAsync(new RevokeKeyRequest { KeyId = "not-a-key", Reason = "compromised" }, deadline: Soon).ResponseAsync),
        new(Contacts + "RevokeKey", "of the key the node signs with", StatusCode.FailedPrecondition, async n =>
        {
            var rotated = await n.Contacts.RotateKeyAsync(new RotateKeyRequest { Overlap = Duration.FromTimeSpan(TimeSpan.FromHours(1)) }, deadline: Soon);
            await n.Contacts.RevokeKeyAsync(new RevokeKeyRequest { KeyId = rotated.NewKeyId, Reason = "compromised" }, deadline: Soon);
        }),
        new(Contacts + "RevokeKey", "of a key revoked already", StatusCode.FailedPrecondition, async n =>
        {
            var rotated = await n.Contacts.RotateKeyAsync(new RotateKeyRequest { Overlap = Duration.FromTimeSpan(TimeSpan.FromHours(1)) }, deadline: Soon);
            await n.Contacts.RevokeKeyAsync(new RevokeKeyRequest { KeyId = rotated.OldKeyId, Reason = "superseded" }, deadline: Soon);
            await n.Contacts.RevokeKeyAsync(new RevokeKeyRequest { KeyId = rotated.OldKeyId, Reason = "superseded" }, deadline: Soon);
        }),

        new(History + "Replay", "of an unknown kind", StatusCode.InvalidArgument, n => DrainAsync(n.History.Replay(new ReplayRequest { Kinds = { "notice", "gossip" } }, deadline: Soon))),
        new(History + "Replay", "of a sequence range without origin", StatusCode.InvalidArgument, n => DrainAsync(n.History.Replay(new ReplayRequest { FromSequence = 1 }, deadline: Soon))),
        new(History + "Replay", "of a range ending before it starts", StatusCode.InvalidArgument, n => DrainAsync(n.History.Replay(new ReplayRequest { Origin = n.Peer, FromSequence = 5, ToSequence = 2 }, deadline: Soon))),
        new(History + "Replay", "from an offset and a time", StatusCode.InvalidArgument, n => DrainAsync(n.History.Replay(new ReplayRequest { FromOffset = 0, Since = Ago(TimeSpan.FromHours(1)) }, deadline: Soon))),
        new(History + "Replay", "since a time after until", StatusCode.InvalidArgument, n => DrainAsync(n.History.Replay(new ReplayRequest { Since = Ago(TimeSpan.FromHours(1)), Until = Ago(TimeSpan.FromHours(2)) }, deadline: Soon))),
        new(History + "Replay", "since a time to come", StatusCode.InvalidArgument, n => DrainAsync(n.History.Replay(new ReplayRequest { Since = Ago(TimeSpan.FromDays(-1)) }, deadline: Soon))),
        new(History + "Replay", "while the broker is away", StatusCode.Unavailable, n => DrainAsync(n.AwayHistory.Replay(new ReplayRequest(), deadline: Soon))),
        new(History + "CheckGaps", "while the broker is away", StatusCode.Unavailable, n => n.AwayHistory.CheckGapsAsync(new CheckGapsRequest(), deadline: Soon).ResponseAsync),
        new(History + "RequestResend", "of a node that is no peer", StatusCode.InvalidArgument, n => n.History.RequestResendAsync(new RequestResendRequest { Origin = "zz-stranger", FromSequence = 1, ToSequence = 2 }, deadline: Soon).ResponseAsync),
        new(History + "RequestResend", "of a range the rules refuse", StatusCode.InvalidArgument, n => n.History.RequestResendAsync(new RequestResendRequest { Origin = n.Peer, FromSequence = 0, ToSequence = 2 }, deadline: Soon).ResponseAsync),
        new(History + "RequestResend", "from a peer without a federation link", StatusCode.FailedPrecondition, n => n.History.RequestResendAsync(new RequestResendRequest { Origin = n.Peer, FromSequence = 1, ToSequence = 2 }, deadline: Soon).ResponseAsync),
    ];

    private static DateTime Soon => DateTime.UtcNow.AddSeconds(30);

    private static Timestamp Ago(TimeSpan span) => Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow - span);

    // Subscription names follow the node id rule.
    private static string NewName() => "e" + Guid.NewGuid().ToString("N")[..12];

    private static string NewId() => Guid.CreateVersion7().ToString("D");

    private static IncidentNotice Untitled() => With(Drafts.Broadcast("soon untitled"), d => d.Title = "");

    private static IncidentNotice To(Audience audience) => With(Drafts.Broadcast("addressed"), d => d.Audience = audience);

    private static IncidentNotice With(IncidentNotice draft, Action<IncidentNotice> change)
    {
        change(draft);
        return draft;
    }

    private static IncidentNotice[] Repeated()
    {
        var once = With(Drafts.Broadcast("twice in one batch"), d => d.NoticeId = NewId());
        return [once, once.Clone()];
    }

    private static Contact Desk(string email) => new() { Role = ContactRole.Technical, Name = "Duty desk", Email = email };

    // Reads a server stream to its end: a failing call fails here, at its first read.
    private static async Task DrainAsync<T>(AsyncServerStreamingCall<T> call)
    {
        using (call)
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        }
    }

    private static async Task BatchAsync(IncidentGateway.IncidentGatewayClient client, IEnumerable<IncidentNotice> notices)
    {
        using var call = client.PublishBatch(deadline: Soon);
        try
        {
            foreach (var notice in notices)
            {
                await call.RequestStream.WriteAsync(Drafts.Request(notice));
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException)
        {
            // The gateway ended the call before reading everything: its status is the response's.
        }

        await call.ResponseAsync;
    }
}
