using Google.Rpc;
using Status = Grpc.Core.Status;
using Grpc.Core;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Grpc;
using IncidentExchange.IntegrationTests.Support;

namespace IncidentExchange.IntegrationTests.Hardening;

/// <summary>
/// Every RPC of every incx service, found from the service descriptors (so a new RPC cannot be missed), is called with
/// inputs that make it fail (<see cref="RpcErrorCases"/>): each answers the documented status, never UNKNOWN. Rule
/// breaks carry google.rpc.BadRequest field violations that any gRPC client can read.
/// </summary>
[NonParallelizable]
public class RpcErrorTests
{
    private RpcErrorNodes _nodes = null!;

    private static IEnumerable<TestCaseData> Cases => RpcErrorCases.All.Select(c => new TestCaseData(c).SetArgDisplayNames(c.ToString()));

    [OneTimeSetUp]
    public async Task StartNodes() => _nodes = await RpcErrorNodes.StartAsync();

    [OneTimeTearDown]
    public async Task StopNodes() => await _nodes.DisposeAsync();

    [Test]
    public void Cases_NameEveryRpcOfEveryIncxService()
    {
        var rpcs = IncxServices.All.SelectMany(service => service.Methods.Select(m => $"{service.Name}/{m.Name}")).ToList();
        var served = RpcCalls.Served(_nodes.Node.Services).Where(m => m.ServiceName.StartsWith("incx.", StringComparison.Ordinal)).Select(m => m.FullName.Replace("/incx.v1.", "", StringComparison.Ordinal));
        var covered = RpcErrorCases.All.Select(c => c.Rpc).Distinct().ToList();

        Assert.Multiple(() =>
        {
            // 20 RPCs today; the count guards the enumeration itself against finding nothing.
            Assert.That(rpcs, Has.Count.GreaterThanOrEqualTo(20));
            Assert.That(rpcs, Is.EquivalentTo(served), "IncxServices and the services the gateway maps differ");
            Assert.That(rpcs.Except(covered), Is.Empty, "RPCs without a case: add the ways they fail to RpcErrorCases");
            Assert.That(covered.Except(rpcs), Is.Empty, "cases of RPCs that do not exist");
        });
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Rpc_FailingInput_AnswersTheDocumentedStatus(RpcErrorCase failing)
    {
        ArgumentNullException.ThrowIfNull(failing);

        var status = await StatusOfAsync(failing.Call(_nodes));

        Assert.Multiple(() =>
        {
            Assert.That(status.StatusCode, Is.Not.EqualTo(StatusCode.Unknown), status.Detail);
            Assert.That(status.StatusCode, Is.EqualTo(failing.Expected), status.Detail);
            Assert.That(status.StatusCode == StatusCode.OK || status.Detail.Length > 0, Is.True, "a failure says why");
        });
    }

    [Test]
    public void Publish_InvalidNotice_StatusDetailsNameEachBrokenField()
    {
        var draft = Drafts.Broadcast("soon untitled");
        draft.Title = "";
        draft.Indicators.Add(new Indicator { Type = IndicatorType.Domain, Value = "not a domain" });

        var error = Assert.ThrowsAsync<RpcException>(async () => await _nodes.Gateway.PublishAsync(Drafts.Request(draft)));
        var status = error!.GetRpcStatus();
        var badRequest = status?.GetDetail<BadRequest>();

        Assert.Multiple(() =>
        {
            Assert.That(error.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
            Assert.That(error.Status.Detail, Is.EqualTo("title is required. indicators[1] 'not a domain' is not a domain name."));
            Assert.That(status?.Code, Is.EqualTo((int)StatusCode.InvalidArgument));
            Assert.That(status?.Message, Is.EqualTo(error.Status.Detail));
            Assert.That(badRequest?.FieldViolations.Select(v => (v.Field, v.Description)), Is.EqualTo(new[]
            {
                ("notice.title", "title is required."),
                ("notice.indicators[1].value", "indicators[1] 'not a domain' is not a domain name."),
            }));
        });
    }

    [Test]
    public async Task PublishBatch_InvalidSecondNotice_ViolationsSayWhichNotice()
    {
        var untitled = Drafts.Broadcast("soon untitled");
        untitled.Title = "";
        using var call = _nodes.Gateway.PublishBatch();
        await call.RequestStream.WriteAsync(Drafts.Request(Drafts.Broadcast("fine")));
        await call.RequestStream.WriteAsync(Drafts.Request(untitled));
        await call.RequestStream.CompleteAsync();

        var error = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseAsync);
        var violations = error!.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations;

        Assert.Multiple(() =>
        {
            Assert.That(error.Status.Detail, Is.EqualTo("Notice #2 of the batch: title is required."));
            Assert.That(violations?.Select(v => (v.Field, v.Description)), Is.EqualTo(new[] { ("notice.title", "Notice #2 of the batch: title is required.") }));
        });
    }

    [Test]
    public void PublishContacts_InvalidEmail_StatusDetailsNameTheContactsField()
    {
        var request = new PublishContactsRequest { Organisation = "CERT", Contacts = { new Contact { Role = ContactRole.Crisis, Name = "Crisis cell", Email = "not-an-address" } } };

        var error = Assert.ThrowsAsync<RpcException>(async () => await _nodes.Contacts.PublishContactsAsync(request));
        var violations = error!.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations;

        Assert.Multiple(() =>
        {
            Assert.That(error.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
            Assert.That(violations?.Select(v => v.Field), Is.EqualTo(new[] { "contacts[0].email" }));
            Assert.That(error.Status.Detail, Does.EndWith(violations?[0].Description ?? "(no violation)"));
        });
    }

    [Test]
    public void NotFound_CarriesAStatusWithoutFieldViolations()
    {
        var error = Assert.ThrowsAsync<RpcException>(async () => await _nodes.Contacts.GetContactAsync(new GetContactRequest { NodeId = "zz-stranger" }));
        var status = error!.GetRpcStatus();

        Assert.Multiple(() =>
        {
            Assert.That(status?.Code, Is.EqualTo((int)StatusCode.NotFound));
            Assert.That(status?.Message, Is.EqualTo(error.Status.Detail));
            Assert.That(status?.Details, Is.Empty);
        });
    }

    private static async Task<Status> StatusOfAsync(Task call)
    {
        try
        {
            await call;
            return Status.DefaultSuccess;
        }
        catch (RpcException ex)
        {
            return ex.Status;
        }
    }
}
