using IncidentExchange.Contracts.V1;
using IncidentExchange.Store.Subscriptions;
using IncidentExchange.Store.Tests.Support;

namespace IncidentExchange.Store.Tests.Contracts;

/// <summary>Durable subscription definitions: the first definition of a name stays until deleted.</summary>
public abstract class SubscriptionContract(IStoreProvider provider) : StoreContract(provider)
{
    [Test]
    public async Task DefineAsync_New_StoredWithListsSortedAndWithoutRepeats()
    {
        var stored = await Store.Subscriptions.DefineAsync(new SubscriptionDefinition("crisis", Severity.High, ["phishing", "malware", "phishing"], ["lv", "fr"], []));

        var found = await (await OpenAsync()).Subscriptions.FindAsync("crisis");
        using (Assert.EnterMultipleScope())
        {
            foreach (var definition in new[] { stored, found! })
            {
                Assert.That(definition.Name, Is.EqualTo("crisis"));
                Assert.That(definition.MinSeverity, Is.EqualTo(Severity.High));
                Assert.That(definition.Categories, Is.EqualTo(new[] { "malware", "phishing" }));
                Assert.That(definition.Origins, Is.EqualTo(new[] { "fr", "lv" }));
                Assert.That(definition.Sectors, Is.Empty);
            }
        }
    }

    [Test]
    public async Task DefineAsync_NameTakenWithOtherFilter_ReturnsTheStoredOne()
    {
        await Store.Subscriptions.DefineAsync(new SubscriptionDefinition("crisis", Severity.Critical, [], [], ["energy"]));

        var stored = await Store.Subscriptions.DefineAsync(new SubscriptionDefinition("crisis", Severity.Low, ["malware"], [], []));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored.MinSeverity, Is.EqualTo(Severity.Critical));
            Assert.That(stored.Sectors, Is.EqualTo(new[] { "energy" }));
            Assert.That(stored.Categories, Is.Empty);
        }
    }

    [Test]
    public async Task ListAsync_Several_InOrdinalOrderOfName()
    {
        foreach (var name in new[] { "soc", "crisis", "ciso-b", "ciso" })
        {
            await Store.Subscriptions.DefineAsync(new SubscriptionDefinition(name, Severity.Unspecified, [], [], []));
        }

        Assert.That((await Store.Subscriptions.ListAsync()).Select(s => s.Name), Is.EqualTo(new[] { "ciso", "ciso-b", "crisis", "soc" }));
    }

    [Test]
    public async Task DeleteAsync_DefinedOrNot_TrueOnceThenFalse()
    {
        await Store.Subscriptions.DefineAsync(new SubscriptionDefinition("crisis", Severity.Unspecified, [], [], []));

        var deleted = await Store.Subscriptions.DeleteAsync("crisis");
        var again = await Store.Subscriptions.DeleteAsync("crisis");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(new[] { deleted, again }, Is.EqualTo(new[] { true, false }));
            Assert.That(await Store.Subscriptions.FindAsync("crisis"), Is.Null);
            Assert.That(await Store.Subscriptions.ListAsync(), Is.Empty);
        }
    }
}
