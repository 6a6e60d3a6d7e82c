using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Contacts;
using IncidentExchange.Core.Crypto;
using IncidentExchange.Core.Inbound;
using IncidentExchange.Core.Wire;
using IncidentExchange.Gateway.Hosting;
using IncidentExchange.Gateway.Inbound;
using IncidentExchange.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentExchange.IntegrationTests.Protocol;

/// <summary>
/// Adding a payload type is one file and one registry line: the probe (ProbePayload.cs: <see cref="ProbeRules"/> and <see cref="ProbeHandler"/>) exists only in this
/// test project and reaches the gateway through <see cref="Probe"/> alone. Its envelopes are checked like any other
/// (its claims enforced with their reasons), an accepted one reaches its handler through the real router, and replay
/// shows it verified (the history API has no field for it, so without a decoded payload).
/// </summary>
public class ThrowAwayPayloadTests
{
    // The one registry line.
    private static readonly PayloadBinding Probe = PayloadBinding.For<Struct, ProbeHandler>(new ProbeRules());

    [Test]
    public void Inspect_ProbeBoundInTheTable_AcceptedOnlyWithItsClaims()
    {
        using var eeKey = SigningKey.Generate();
        var directory = new ContactDirectory();
        directory.Pin("ee", eeKey.PublicKey);
        var withProbe = new EnvelopeInspector(directory, "fr", payloads: new PayloadTable([.. StandardPayloads.All, Probe]).Registry);
        var sealer = new EnvelopeSealer("ee", eeKey);
        var good = ProbeOf("ee", "fr", "hello");

        var accepted = withProbe.Inspect(sealer.Seal(good).ToByteArray());
        var otherOrigin = (InspectionResult.Rejected)withProbe.Inspect(sealer.Seal(ProbeOf("jp", "fr", "signed by ee")).ToByteArray());
        var elsewhere = (InspectionResult.Rejected)withProbe.Inspect(sealer.Seal(ProbeOf("ee", "jp", "for jp")).ToByteArray());
        var invalid = (InspectionResult.Rejected)withProbe.Inspect(sealer.Seal(ProbeOf("ee", "fr", "no time", timed: false)).ToByteArray());
        var unbound = (InspectionResult.Rejected)new EnvelopeInspector(directory, "fr").Inspect(sealer.Seal(good).ToByteArray());

        Assert.Multiple(() =>
        {
            Assert.That((accepted as InspectionResult.Accepted)?.Payload, Is.EqualTo(good), accepted.ToString());
            Assert.That(otherOrigin.Reason, Is.EqualTo(RejectionReason.SignerNotOrigin));
            Assert.That(otherOrigin.Detail, Is.EqualTo("Node 'ee' signed a probe whose origin is 'jp'."));
            Assert.That(elsewhere.Reason, Is.EqualTo(RejectionReason.NotAddressed));
            Assert.That(elsewhere.Detail, Is.EqualTo("The probe is addressed to jp, not to this node ('fr')."));
            Assert.That(invalid.Reason, Is.EqualTo(RejectionReason.InvalidCheck));
            Assert.That(invalid.Detail, Is.EqualTo("The probe is invalid: issued_at must be an RFC 3339 time."));
            Assert.That(unbound.Reason, Is.EqualTo(RejectionReason.UnknownPayloadType), "without the registry line the probe is refused");
        });
    }

    [Test]
    public async Task Gateway_ProbeRegistered_HandlerGetsTheValidOneBadOnesQuarantinedReplayShowsItVerified()
    {
        await using var node = TestNode.Create(BrokerSetUp.Broker);
        node.ConfigureServices = services => services.AddIncxPayload(Probe);
        await node.StartAsync();
        var amqp = BrokerSetUp.Broker.AmqpUri;
        var good = ProbeOf(node.NodeId, node.NodeId, "valid");
        var goodBody = HandBuilt.Seal(node.NodeId, node.PrivateKeyFile, good);
        var bad = new (string Reason, string Detail, Struct Probe)[]
        {
            ("signer-not-origin", $"Node '{node.NodeId}' signed a probe whose origin is 'ee'.", ProbeOf("ee", node.NodeId, "claims ee")),
            ("not-addressed", $"The probe is addressed to jp, not to this node ('{node.NodeId}').", ProbeOf(node.NodeId, "jp", "for jp")),
            ("invalid-check", "The probe is invalid: issued_at must be an RFC 3339 time.", ProbeOf(node.NodeId, node.NodeId, "no time", timed: false)),
        };

        // The inbox takes one message at a time, in order: once the valid probe is handled, the bad ones were refused.
        for (var i = 0; i < bad.Length; i++)
        {
            await RawAmqp.PublishAsync(amqp, RoutingKeys.NoticeTo(node.NodeId), HandBuilt.Seal(node.NodeId, node.PrivateKeyFile, bad[i].Probe), messageId: $"bad-probe-{i}");
        }

        await RawAmqp.PublishAsync(amqp, RoutingKeys.NoticeTo(node.NodeId), goodBody, messageId: "good-probe");
        var quarantined = new List<(string Reason, string Detail)>();
        for (var i = 0; i < bad.Length; i++)
        {
            quarantined.Add(await Quarantine.WaitForAsync(amqp, node.NodeId, $"bad-probe-{i}"));
        }

        var handler = node.Services.GetRequiredService<ProbeHandler>();
        var handled = await Poll.UntilAsync(() => !handler.Received.IsEmpty, TimeSpan.FromSeconds(30));
        ReplayItem? replayed = null;
        await Poll.UntilAsync(async () =>
        {
            replayed = (await Histories.ReplayAsync(node, new ReplayRequest())).Items.FirstOrDefault(item => item.PayloadType == Struct.Descriptor.FullName);
            return replayed is not null;
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500));

        Assert.Multiple(() =>
        {
            Assert.That(quarantined, Is.EqualTo(bad.Select(b => (b.Reason, b.Detail))));
            Assert.That(handled, Is.True, "the valid probe never reached its handler");
            Assert.That(handler.Received, Is.EqualTo(new[] { good }), "only the valid probe reaches the handler, once");
            Assert.That(replayed, Is.Not.Null, "the handler's history copy was never replayed");
            Assert.That(replayed?.Verification.Verified, Is.True, replayed?.Verification.Detail);
            Assert.That(replayed?.Direction, Is.EqualTo(Direction.Received));
            Assert.That(replayed?.Signer, Is.EqualTo(node.NodeId));
            Assert.That(replayed?.Envelope, Is.EqualTo(ByteString.CopyFrom(goodBody)));
            // history.proto has no field for a probe: replayed verified, without a decoded payload.
            Assert.That(new IMessage?[] { replayed?.Notice, replayed?.Record, replayed?.Receipt, replayed?.Check, replayed?.ResendRequest, replayed?.ResendReply }, Is.All.Null);
        });
    }

    // A probe from origin to one node, issued now unless untimed.
    private static Struct ProbeOf(string origin, string to, string text, bool timed = true)
    {
        var probe = new Struct
        {
            Fields =
            {
                ["origin"] = Value.ForString(origin),
                ["to"] = Value.ForList(Value.ForString(to)),
                ["text"] = Value.ForString(text),
            },
        };
        if (timed)
        {
            probe.Fields["issued_at"] = Value.ForString(DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        return probe;
    }
}
