using Google.Protobuf;
using Grpc.Core;
using IncidentExchange.Contracts.V1;
using IncidentExchange.IntegrationTests.Support;

namespace IncidentExchange.IntegrationTests.Hardening;

/// <summary>
/// Bad input thrown at the gateway's gRPC API by a client with every role: each is refused with a status and
/// one sentence, nothing is published, and the gateway keeps serving valid requests.
/// </summary>
public class GatewayBadInputTests : NodeTest
{
    private const string Service = "incx.v1.IncidentGateway";

    [Test]
    public async Task MalformedProtobuf_IsRefused_AndTheNextValidPublishWorks()
    {
        var status = await RpcCalls.UnaryRawAsync(Node.Channel.CreateCallInvoker(), Service, "Publish", [0xFF, 0xFF, 0xFF, 0x0A]);
        var next = await Node.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("after the garbage")));

        Assert.Multiple(() =>
        {
            Assert.That(status.StatusCode, Is.EqualTo(StatusCode.InvalidArgument), status.Detail);
            Assert.That(next.Sequence, Is.EqualTo(1UL), "the refused request took no sequence number");
        });
    }

    [Test]
    public async Task TruncatedRequest_IsRefused()
    {
        var whole = Drafts.Request(Drafts.Broadcast("cut short")).ToByteArray();

        var status = await RpcCalls.UnaryRawAsync(Node.Channel.CreateCallInvoker(), Service, "Publish", whole[..(whole.Length / 2)]);

        Assert.That(status.StatusCode, Is.EqualTo(StatusCode.InvalidArgument), status.Detail);
    }

    [Test]
    public async Task InvalidUtf8InTitle_IsRefused()
    {
        // PublishRequest field 1 (the notice) holding a notice whose title (field 10) is not UTF-8.
        var notice = Drafts.Broadcast("x").ToByteArray().Concat(new byte[] { 0x52, 0x03, 0xC3, 0x28, 0xFF }).ToArray();
        var request = new byte[] { 0x0A }.Concat(Varint(notice.Length)).Concat(notice).ToArray();

        var status = await RpcCalls.UnaryRawAsync(Node.Channel.CreateCallInvoker(), Service, "Publish", request);

        Assert.That(status.StatusCode, Is.EqualTo(StatusCode.InvalidArgument), status.Detail);
    }

    [Test]
    public async Task OversizedRequest_IsRefusedAsResourceExhausted()
    {
        var draft = Drafts.Broadcast("too big");
        draft.Summary = new string('a', 5 * 1024 * 1024);

        var status = await RpcCalls.UnaryRawAsync(Node.Channel.CreateCallInvoker(), Service, "Publish", Drafts.Request(draft).ToByteArray());

        Assert.That(status.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted), status.Detail);
    }

    [Test]
    public void HugeIndicatorList_IsRefusedNamingTheLimit()
    {
        var draft = Drafts.Broadcast("too many indicators");
        for (var i = 0; i < 5_000; i++)
        {
            draft.Indicators.Add(new Indicator { Type = IndicatorType.Domain, Value = $"host{i}.evil.example" });
        }

        var error = Assert.ThrowsAsync<RpcException>(async () => await Node.Client.PublishAsync(Drafts.Request(draft)));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
            Assert.That(error.Status.Detail, Does.Contain("1000"));
        });
    }

    [Test]
    public void RedBroadcast_IsRefused()
    {
        var draft = Drafts.Broadcast("red to everyone");
        draft.Tlp = Tlp.Red;

        var error = Assert.ThrowsAsync<RpcException>(async () => await Node.Client.PublishAsync(Drafts.Request(draft)));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
            Assert.That(error.Status.Detail, Does.Contain("RED"));
        });
    }

    private static byte[] Varint(int value)
    {
        var bytes = new List<byte>();
        var v = (uint)value;
        while (v >= 0x80)
        {
            bytes.Add((byte)(v | 0x80));
            v >>= 7;
        }

        bytes.Add((byte)v);
        return [.. bytes];
    }
}
