using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Wire;
using IncidentExchange.IntegrationTests.Support;

namespace IncidentExchange.IntegrationTests.Contacts;

/// <summary>
/// The points-of-contact directory across three real nodes (ee, fr, jp): replication, contact updates,
/// key rotation and revocation, forged and replayed records, restarts. Tests run in order and build on
/// each other's state (the directory only grows).
/// </summary>
[NonParallelizable]
public class DirectoryTests
{
    private static readonly TimeSpan Seconds = TimeSpan.FromSeconds(20);
    private static readonly string[] Nodes = ["ee", "fr", "jp"];
    private LocalFederation _federation = null!;

    private TestNode Ee => _federation["ee"];

    private TestNode Fr => _federation["fr"];

    private TestNode Jp => _federation["jp"];

    [OneTimeSetUp]
    public async Task StartFederation() => _federation = await LocalFederation.StartAsync(Nodes);

    [OneTimeTearDown]
    public async Task StopFederation() => await _federation.DisposeAsync();

    [Test]
    [Order(1)]
    public async Task Start_EveryNode_HoldsEveryNodesFirstRecord()
    {
        foreach (var at in Nodes)
        {
            foreach (var of in Nodes)
            {
                await WaitForAsync(_federation[at], of, e => e.Record is not null, Seconds);
            }
        }

        var fr = await Ee.Contacts.GetContactAsync(new GetContactRequest { NodeId = "fr" });
        Assert.Multiple(() =>
        {
            Assert.That(fr.Record.Version, Is.EqualTo(1));
            Assert.That(fr.Record.Keys.Select(k => k.KeyId), Is.EqualTo(fr.PinnedKeyIds), "the first record lists the key peers pinned");
            Assert.That(fr.SignedByKeyId, Is.EqualTo(fr.PinnedKeyIds[0]));
        });
    }

    [Test]
    [Order(2)]
    public async Task PublishContacts_AtFr_EeAndJpShowTheNewVersionWithinSeconds()
    {
        var clock = Stopwatch.StartNew();
        var reply = await Fr.Contacts.PublishContactsAsync(FrContacts("Cellule de crise, officier de permanence"));
        var version = reply.Entry.Record.Version;

        var atEe = await WaitForAsync(Ee, "fr", e => e.Record?.Version == version, Seconds);
        var atJp = await WaitForAsync(Jp, "fr", e => e.Record?.Version == version, Seconds);
        TestContext.Out.WriteLine($"fr's version {version} visible at ee and jp after {clock.ElapsedMilliseconds} ms");
        var again = await Fr.Contacts.PublishContactsAsync(FrContacts("Cellule de crise, officier de permanence"));

        Assert.Multiple(() =>
        {
            Assert.That(reply.Unchanged, Is.False);
            Assert.That(version, Is.EqualTo(2));
            Assert.That(Crisis(atEe).Name, Is.EqualTo("Cellule de crise, officier de permanence"));
            Assert.That(Crisis(atJp).Phone, Is.EqualTo("+33 1 71 75 84 68"));
            Assert.That(atJp.Record.Organisation, Is.EqualTo("CERT-FR (ANSSI)"));
            Assert.That(again.Unchanged, Is.True, "the same details publish nothing");
            Assert.That(again.Entry.Record.Version, Is.EqualTo(version));
        });
    }

    [Test]
    [Order(3)]
    public async Task PublishContacts_Invalid_IsRefusedWithOneSentenceAndNothingChanges()
    {
        var invalid = FrContacts("Someone");
        invalid.Contacts[0].Email = "not an address";

        var error = Assert.ThrowsAsync<RpcException>(async () => await Fr.Contacts.PublishContactsAsync(invalid));
        var fr = await Fr.Contacts.GetContactAsync(new GetContactRequest { NodeId = "fr" });

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
            Assert.That(error.Status.Detail, Does.Contain("email 'not an address' is not an e-mail address"));
            Assert.That(fr.Record.Version, Is.EqualTo(2));
        });
    }

    [Test]
    [Order(4)]
    public async Task RecordForFr_SignedWithEesKey_IsRefusedAndFrsEntryUnchanged()
    {
        var forged = (await Ee.Contacts.GetContactAsync(new GetContactRequest { NodeId = "fr" })).Record.Clone();
        forged.Version = 50;
        forged.IssuedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
        forged.Contacts[1].Phone = "+7 000 000 0000";
        // Once naming ee as the signer, once claiming to be fr: both with ee's key.
        var asEe = HandBuilt.Seal("ee", Ee.PrivateKeyFile, forged);
        var asFr = HandBuilt.Seal("fr", Ee.PrivateKeyFile, forged);

        await RawAmqp.PublishAsync(_federation.BrokerOf("ee").AmqpUri, RoutingKeys.ContactBroadcast, asEe, messageId: "forged-as-ee");
        await RawAmqp.PublishAsync(_federation.BrokerOf("ee").AmqpUri, RoutingKeys.ContactBroadcast, asFr, messageId: "forged-as-fr");
        var signerNotOrigin = await Quarantine.WaitForAsync(_federation.BrokerOf("jp").AmqpUri, "jp", "forged-as-ee");
        var unknownKey = await Quarantine.WaitForAsync(_federation.BrokerOf("jp").AmqpUri, "jp", "forged-as-fr");
        var frAtJp = await Jp.Contacts.GetContactAsync(new GetContactRequest { NodeId = "fr" });

        Assert.Multiple(() =>
        {
            Assert.That(signerNotOrigin.Reason, Is.EqualTo("signer-not-origin"));
            Assert.That(unknownKey.Reason, Is.EqualTo("unknown-key"));
            Assert.That(unknownKey.Detail, Does.Contain("not in its contact record version 2"));
            Assert.That(frAtJp.Record.Version, Is.EqualTo(2));
        });
    }

    [Test]
    [Order(5)]
    public async Task OldFrRecord_ReplayedIntoTheExchange_ChangesNothing()
    {
        var history = await Jp.Contacts.GetContactHistoryAsync(new GetContactRequest { NodeId = "fr" });
        var before = await Jp.Contacts.GetContactAsync(new GetContactRequest { NodeId = "fr" });
        // Byte for byte as fr sent version 1 (kept by fr's gateway); a rewritten version 1 and a version 3
        // dated before version 2, both properly signed with fr's key (as someone holding it could).
        var original = File.ReadAllBytes(Path.Combine(Fr.Directory, "data", "directory", "fr", $"{1:D20}.envelope"));
        var rewritten = history.Versions[0].Clone();
        rewritten.Organisation = "Rewritten history";
        var backdated = history.Versions[1].Clone();
        backdated.Version = 3;
        backdated.IssuedAt = history.Versions[0].IssuedAt;

        await RawAmqp.PublishAsync(_federation.BrokerOf("fr").AmqpUri, RoutingKeys.ContactBroadcast, original, messageId: "replay-original");
        await RawAmqp.PublishAsync(_federation.BrokerOf("fr").AmqpUri, RoutingKeys.ContactBroadcast, HandBuilt.Seal("fr", Fr.PrivateKeyFile, rewritten), messageId: "replay-rewritten");
        await RawAmqp.PublishAsync(_federation.BrokerOf("fr").AmqpUri, RoutingKeys.ContactBroadcast, HandBuilt.Seal("fr", Fr.PrivateKeyFile, backdated), messageId: "replay-backdated");
        var conflict = await Quarantine.WaitForAsync(_federation.BrokerOf("jp").AmqpUri, "jp", "replay-rewritten");
        var stale = await Quarantine.WaitForAsync(_federation.BrokerOf("jp").AmqpUri, "jp", "replay-backdated");
        var after = await Jp.Contacts.GetContactAsync(new GetContactRequest { NodeId = "fr" });
        var historyAfter = await Jp.Contacts.GetContactHistoryAsync(new GetContactRequest { NodeId = "fr" });

        Assert.Multiple(() =>
        {
            Assert.That(conflict.Reason, Is.EqualTo("record-conflict"));
            Assert.That(stale.Reason, Is.EqualTo("stale-record"));
            Assert.That(after.Record, Is.EqualTo(before.Record));
            Assert.That(after.Conflicts, Is.EqualTo(before.Conflicts + 1));
            Assert.That(after.Stale, Is.EqualTo(before.Stale + 1), "the exact copy is an ordinary duplicate, not counted");
            Assert.That(historyAfter.Versions, Is.EqualTo(history.Versions));
        });
    }

    [Test]
    [Order(6)]
    public async Task RotateAndRevoke_AtEe_OldKeyAcceptedDuringOverlapThenQuarantinedAsKeyRevoked()
    {
        await using var atFr = await AlertCollector.StartAsync(Fr.Client);
        var rotated = await Ee.Contacts.RotateKeyAsync(new RotateKeyRequest { Overlap = Duration.FromTimeSpan(TimeSpan.FromHours(1)) });
        await WaitForAsync(Fr, "ee", e => e.Record.Version == rotated.Entry.Record.Version, Seconds);
        await WaitForAsync(Jp, "ee", e => e.Record.Version == rotated.Entry.Record.Version, Seconds);

        // Signed by the gateway with the new key; then one signed with the old key, as a tool still holding it would.
        var viaGateway = await Ee.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("signed with the new key")));
        var (duringOverlap, overlapNotice) = HandBuilt.Notice("ee", Ee.PrivateKeyFile, "signed with the old key during the overlap");
        await RawAmqp.PublishAsync(_federation.BrokerOf("ee").AmqpUri, RoutingKeys.NoticeBroadcast, duringOverlap);
        var newKeyAlert = await atFr.WaitForNoticeAsync(viaGateway.NoticeId, Seconds);
        var oldKeyAlert = await atFr.WaitForNoticeAsync(overlapNotice.NoticeId, Seconds);

        var revoked = await Ee.Contacts.RevokeKeyAsync(new RevokeKeyRequest { KeyId = rotated.OldKeyId, Reason = "superseded" });
        await WaitForAsync(Fr, "ee", e => e.Record.Version == revoked.Record.Version, Seconds);
        await WaitForAsync(Jp, "ee", e => e.Record.Version == revoked.Record.Version, Seconds);
        var (afterRevocation, _) = HandBuilt.Notice("ee", Ee.PrivateKeyFile, "signed with the old key after revocation");
        await RawAmqp.PublishAsync(_federation.BrokerOf("ee").AmqpUri, RoutingKeys.NoticeBroadcast, afterRevocation, messageId: "after-revocation");
        var atFrQuarantine = await Quarantine.WaitForAsync(_federation.BrokerOf("fr").AmqpUri, "fr", "after-revocation");
        var atJpQuarantine = await Quarantine.WaitForAsync(_federation.BrokerOf("jp").AmqpUri, "jp", "after-revocation");
        var stillFlowing = await Ee.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("new key after revocation")));
        await atFr.WaitForNoticeAsync(stillFlowing.NoticeId, Seconds);

        Assert.Multiple(() =>
        {
            Assert.That(rotated.NewKeyId, Is.Not.EqualTo(rotated.OldKeyId));
            Assert.That(rotated.Entry.Record.Keys.Select(k => k.KeyId), Is.EquivalentTo(new[] { rotated.OldKeyId, rotated.NewKeyId }));
            Assert.That(rotated.Entry.SignedByKeyId, Is.EqualTo(rotated.OldKeyId), "the rotation record is signed with the key peers already trust");
            Assert.That(newKeyAlert.KeyId, Is.EqualTo(rotated.NewKeyId));
            Assert.That(oldKeyAlert.KeyId, Is.EqualTo(rotated.OldKeyId));
            Assert.That(atFrQuarantine.Reason, Is.EqualTo("key-revoked"));
            Assert.That(atFrQuarantine.Detail, Does.Contain("superseded"));
            Assert.That(atJpQuarantine.Reason, Is.EqualTo("key-revoked"));
            Assert.That(atFr.Received.Any(a => a.Notice.Title == "signed with the old key after revocation"), Is.False);
        });
    }

    [Test]
    [Order(7)]
    public async Task RevokeKey_TheSigningKeyOrAnUnknownKey_IsRefusedWithOneSentence()
    {
        var ee = await Ee.Contacts.GetContactAsync(new GetContactRequest { NodeId = "ee" });
        var signing = ee.Record.Keys.Single(k => k.RevokedAt is null).KeyId;

        var current = Assert.ThrowsAsync<RpcException>(async () => await Ee.Contacts.RevokeKeyAsync(new RevokeKeyRequest { KeyId = signing, Reason = "test" }));
        var unknown = Assert.ThrowsAsync<RpcException>(async () => await Ee.Contacts.RevokeKeyAsync(new RevokeKeyRequest { KeyId = new string('a', 32), Reason = "test" }));
        var noReason = Assert.ThrowsAsync<RpcException>(async () => await Ee.Contacts.RevokeKeyAsync(new RevokeKeyRequest { KeyId = signing }));

        Assert.Multiple(() =>
        {
            Assert.That(current!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
            Assert.That(current.Status.Detail, Does.Contain("rotate first"));
            Assert.That(unknown!.StatusCode, Is.EqualTo(StatusCode.NotFound));
            Assert.That(noReason!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        });
    }

    [Test]
    [Order(8)]
    public async Task LateJoiner_JpWithoutPeersRecordsPinningEesCurrentKey_ReceivesEveryCurrentRecord()
    {
        // jp loses its copies of the peers' records (as a node that joins now has none) and, as an operator
        // joining after ee's rotation would, pins ee's current key instead of the revoked one.
        var ee = await Ee.Contacts.GetContactAsync(new GetContactRequest { NodeId = "ee" });
        var eeCurrentKey = ee.Record.Keys.Single(k => k.RevokedAt is null && k.NotAfter is null).KeyId;
        await Jp.StopAsync();
        Directory.Delete(Path.Combine(Jp.Directory, "data", "directory", "ee"), recursive: true);
        Directory.Delete(Path.Combine(Jp.Directory, "data", "directory", "fr"), recursive: true);
        Assert.That(Jp.Settings["Incx:TrustedKeys:0:Node"], Is.EqualTo("ee"));
        Jp.Settings["Incx:TrustedKeys:0:PublicKeyFile"] = Path.Combine(Ee.Directory, "data", "keys", eeCurrentKey, "ee.pub.json");

        await Jp.StartAsync();
        var eeAtJp = await WaitForAsync(Jp, "ee", e => e.Record is not null, Seconds);
        var frAtJp = await WaitForAsync(Jp, "fr", e => e.Record is not null, Seconds);

        Assert.Multiple(() =>
        {
            Assert.That(eeAtJp.Record, Is.EqualTo(ee.Record));
            Assert.That(eeAtJp.SignedByKeyId, Is.EqualTo(eeCurrentKey), "the announcement is signed with ee's current key");
            Assert.That(frAtJp.Record.Version, Is.EqualTo(2));
        });
    }

    [Test]
    [Order(9)]
    public async Task RestartEveryGateway_BrokersKept_DirectoryIntactAndRotatedKeyStillSigns()
    {
        var before = await SnapshotAsync();

        foreach (var node in Nodes)
        {
            await _federation[node].StopAsync();
        }

        await Task.WhenAll(Nodes.Select(n => _federation[n].StartAsync()));
        var after = await SnapshotAsync();
        await using var atJp = await AlertCollector.StartAsync(Jp.Client);
        var published = await Ee.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("after every gateway restarted")));
        var alert = await atJp.WaitForNoticeAsync(published.NoticeId, Seconds);
        var ee = await Jp.Contacts.GetContactAsync(new GetContactRequest { NodeId = "ee" });
        var currentKey = ee.Record.Keys.Single(k => k.RevokedAt is null).KeyId;
        var update = await Ee.Contacts.PublishContactsAsync(new PublishContactsRequest { Organisation = "CERT-EE", Country = "EE", Contacts = { Crisis(await Fr.Contacts.GetContactAsync(new GetContactRequest { NodeId = "fr" })) } });

        Assert.Multiple(() =>
        {
            Assert.That(after, Is.EqualTo(before));
            Assert.That(alert.KeyId, Is.EqualTo(currentKey), "ee signs notices with its rotated key after a restart");
            Assert.That(update.Entry.SignedByKeyId, Is.EqualTo(currentKey), "and records too");
        });
    }

    [Test]
    [Order(10)]
    public async Task RestartWholeNode_JpBrokerAndGateway_DirectoryIntact()
    {
        var before = await SnapshotAsync();

        await Jp.StopAsync();
        await _federation.BrokerOf("jp").StopAsync();
        await _federation.BrokerOf("jp").StartAsync();
        await Jp.StartAsync();
        await _federation.WaitForLinksAsync("jp");
        var after = await SnapshotAsync();

        Assert.That(after, Is.EqualTo(before));
    }

    // node -> every entry it holds with the versions of its history, for before/after comparisons. The
    // history matters: announcements carry only current records, so only the stored files can restore it.
    private async Task<Dictionary<string, string>> SnapshotAsync()
    {
        var snapshot = new Dictionary<string, string>();
        foreach (var node in Nodes)
        {
            var list = await _federation[node].Contacts.ListContactsAsync(new ListContactsRequest());
            var lines = new List<string>();
            foreach (var e in list.Entries)
            {
                var history = await _federation[node].Contacts.GetContactHistoryAsync(new GetContactRequest { NodeId = e.NodeId });
                lines.Add($"{e.NodeId}: v{e.Record?.Version} {e.SignedByKeyId} keys {e.Record?.Keys.Count} history {string.Join(",", history.Versions.Select(v => v.Version))}");
            }

            snapshot[node] = string.Join("; ", lines);
        }

        return snapshot;
    }

    private static async Task<DirectoryEntry> WaitForAsync(TestNode at, string nodeId, Func<DirectoryEntry, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        DirectoryEntry? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await at.Contacts.GetContactAsync(new GetContactRequest { NodeId = nodeId });
                if (condition(last))
                {
                    return last;
                }
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
                // Not known yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{at.NodeId}'s entry for {nodeId} did not reach the expected state within {timeout}; last: {last}");
    }

    private static Contact Crisis(DirectoryEntry entry) => entry.Record.Contacts.Single(c => c.Role == ContactRole.Crisis);

    private static PublishContactsRequest FrContacts(string crisisName) => new()
    {
        Organisation = "CERT-FR (ANSSI)",
        Country = "FR",
        Contacts =
        {
            new Contact { Role = ContactRole.Technical, Name = "CERT-FR duty desk", Email = "cert-fr@ssi.gouv.fr.example", Phone = "+33 1 71 75 84 50", Hours = "24/7", TimeZone = "Europe/Paris", Languages = { "fr", "en" } },
            new Contact { Role = ContactRole.Crisis, Name = crisisName, Email = "crise@ssi.gouv.fr.example", Phone = "+33 1 71 75 84 68", Hours = "24/7", TimeZone = "Europe/Paris", Languages = { "fr", "en" } },
        },
    };
}
