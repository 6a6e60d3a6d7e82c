using Grpc.Core;
using IncidentExchange.Core.Access;
using IncidentExchange.Gateway.Access;
using IncidentExchange.Gateway.Observability;
using IncidentExchange.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentExchange.IntegrationTests.Access;

/// <summary>
/// Every RPC the gateway serves, found from its endpoints rather than listed by hand, is refused without a
/// token (UNAUTHENTICATED), with a token of another node (UNAUTHENTICATED) and with a token lacking its role
/// (PERMISSION_DENIED), and let through with a token holding exactly that role.
/// </summary>
public class AccessTests
{
    private static readonly ClientRoles[] SingleRoles = [ClientRoles.Publisher, ClientRoles.ContactPoint, ClientRoles.Operator];
    private readonly Dictionary<ClientRoles, string> _tokens = [];
    private TestNode _node = null!;
    private IReadOnlyList<IMethod> _served = [];

    [OneTimeSetUp]
    public async Task StartNode()
    {
        _node = TestNode.Create(BrokerSetUp.Broker);
        foreach (var role in SingleRoles)
        {
            _tokens[role] = _node.AddClient("only-" + ClientRoleNames.Format(role), ClientRoleNames.Format(role));
        }

        await _node.StartAsync();
        _served = RpcCalls.Served(_node.Services);
    }

    [OneTimeTearDown]
    public async Task StopNode() => await _node.DisposeAsync();

    [Test]
    public void ServedMethods_EachHasRolesOrIsAStandardAnonymousService()
    {
        var incx = _served.Where(m => m.ServiceName.StartsWith("incx.", StringComparison.Ordinal)).ToList();

        Assert.Multiple(() =>
        {
            // 20 RPCs today; the count guards the enumeration itself against finding nothing.
            Assert.That(incx, Has.Count.GreaterThanOrEqualTo(20));
            Assert.That(incx.Where(m => RpcPermissions.RequiredFor(m.FullName) == ClientRoles.None).Select(m => m.FullName), Is.Empty,
                "RPCs nobody may call: add them to RpcPermissions");
            Assert.That(_served.Except(incx).Where(m => !RpcPermissions.IsAnonymous(m.FullName)).Select(m => m.FullName), Is.Empty,
                "services that are neither incx nor standard anonymous ones");
            Assert.That(RpcPermissions.All.Keys, Is.SubsetOf(incx.Select(m => m.FullName)), "table entries for RPCs that do not exist");
        });
    }

    [Test]
    public void PermissionTable_MatchesTheRolesTheProductPromises()
    {
        // The promise of issue 8 and docs/ACCESS.md, written out independently of RpcPermissions.
        var expected = new Dictionary<string, string>
        {
            ["IncidentGateway/Publish"] = "publisher",
            ["IncidentGateway/PublishBatch"] = "publisher",
            ["IncidentGateway/Subscribe"] = "contact-point",
            ["IncidentGateway/Acknowledge"] = "contact-point",
            ["IncidentGateway/ListSubscriptions"] = "contact-point, operator",
            ["IncidentGateway/DeleteSubscription"] = "operator",
            ["IncidentGateway/GetDeliveryStatus"] = "publisher, operator",
            ["IncidentGateway/ListNodes"] = "publisher, contact-point, operator",
            ["IncidentGateway/StartCheck"] = "operator",
            ["IncidentGateway/GetCheckReport"] = "operator",
            ["IncidentGateway/ListChecks"] = "operator",
            ["PointsOfContact/ListContacts"] = "publisher, contact-point, operator",
            ["PointsOfContact/GetContact"] = "publisher, contact-point, operator",
            ["PointsOfContact/GetContactHistory"] = "publisher, contact-point, operator",
            ["PointsOfContact/PublishContacts"] = "publisher",
            ["PointsOfContact/RotateKey"] = "operator",
            ["PointsOfContact/RevokeKey"] = "operator",
            ["History/Replay"] = "operator",
            ["History/CheckGaps"] = "operator",
            ["History/RequestResend"] = "operator",
        };

        var actual = RpcPermissions.All.ToDictionary(p => p.Key.Replace("/incx.v1.", "", StringComparison.Ordinal), p => ClientRoleNames.Format(p.Value));

        Assert.That(actual, Is.EquivalentTo(expected));
    }

    [Test]
    public async Task EveryRpc_NoToken_Unauthenticated()
    {
        using var channel = _node.OpenChannel(token: null);

        var codes = await CallEachAsync(channel.CreateCallInvoker());

        Assert.That(codes, Is.All.Property("Value").EqualTo(StatusCode.Unauthenticated));
    }

    [Test]
    public async Task EveryRpc_TokenOfAnotherNode_Unauthenticated()
    {
        using var channel = _node.OpenChannel(ClientTokens.Create("other-node"));

        var codes = await CallEachAsync(channel.CreateCallInvoker());

        Assert.That(codes, Is.All.Property("Value").EqualTo(StatusCode.Unauthenticated));
    }

    [Test]
    public async Task EveryRpc_UnknownOrMalformedToken_Unauthenticated()
    {
        using var unknown = _node.OpenChannel(ClientTokens.Create(_node.NodeId));
        using var malformed = _node.OpenChannel("let-me-in");

        var codes = (await CallEachAsync(unknown.CreateCallInvoker())).Concat(await CallEachAsync(malformed.CreateCallInvoker()));

        Assert.That(codes, Is.All.Property("Value").EqualTo(StatusCode.Unauthenticated));
    }

    [Test]
    public async Task EveryRpc_EachSingleRole_DeniedWithoutItLetThroughWithIt()
    {
        var wrong = new List<string>();
        foreach (var role in SingleRoles)
        {
            using var channel = _node.OpenChannel(_tokens[role]);
            foreach (var (method, code) in await CallEachAsync(channel.CreateCallInvoker()))
            {
                var allowed = (RpcPermissions.RequiredFor(method.FullName) & role) != ClientRoles.None;
                var refused = code is StatusCode.PermissionDenied or StatusCode.Unauthenticated;
                if (allowed == refused || (!allowed && code != StatusCode.PermissionDenied))
                {
                    wrong.Add($"{method.FullName} as {ClientRoleNames.Format(role)}: {code}");
                }
            }
        }

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public async Task Refusal_NamesTheClientAndTheRoleNeeded_AndIsCounted()
    {
        using var channel = _node.OpenChannel(_tokens[ClientRoles.ContactPoint]);
        var client = new Contracts.V1.IncidentGateway.IncidentGatewayClient(channel);

        var error = Assert.ThrowsAsync<RpcException>(async () => await client.PublishAsync(Drafts.Request(Drafts.Broadcast("not mine to send"))));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
            Assert.That(error.Status.Detail, Is.EqualTo("Client 'only-contact-point' (contact-point) may not call IncidentGateway/Publish: it needs the publisher role."));
            Assert.That(_node.Services.GetRequiredService<GatewayMetrics>().CallsRefused, Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task AnonymousServices_AnswerWithoutToken()
    {
        using var channel = _node.OpenChannel(token: null);

        var anonymous = _served.Where(m => RpcPermissions.IsAnonymous(m.FullName)).ToList();
        var codes = await CallEachAsync(channel.CreateCallInvoker(), anonymous);

        Assert.Multiple(() =>
        {
            Assert.That(anonymous.Select(m => m.ServiceName), Does.Contain("grpc.health.v1.Health"));
            Assert.That(codes.Values, Has.None.EqualTo(StatusCode.Unauthenticated).And.None.EqualTo(StatusCode.PermissionDenied));
        });
    }

    private async Task<Dictionary<IMethod, StatusCode>> CallEachAsync(CallInvoker invoker, IEnumerable<IMethod>? methods = null)
    {
        var codes = new Dictionary<IMethod, StatusCode>();
        foreach (var method in methods ?? _served.Where(m => !RpcPermissions.IsAnonymous(m.FullName)))
        {
            codes[method] = await RpcCalls.CallAsync(invoker, method);
        }

        return codes;
    }
}
