using System.Text.RegularExpressions;
using Google.Protobuf;
using IncidentExchange.Core.Contacts;
using IncidentExchange.Core.Crypto;
using IncidentExchange.Core.Inbound;

namespace IncidentExchange.Core.Tests.Protocol;

/// <summary>Keeps the worked example in protos/README.md true: same bytes from the code, and accepted.</summary>
public partial class WorkedExampleTests
{
    [Test]
    public void WorkedExample_SealedWithRfc8032Key_MatchesTheSpecificationHex()
    {
        using var key = SigningKey.FromSeed(Samples.Rfc8032Seed);
        var envelope = new EnvelopeSealer("ee", key).Seal(Samples.WorkedExampleNotice());

        var spec = SpecificationBlocks();

        Assert.Multiple(() =>
        {
            Assert.That(spec["payload"], Is.EqualTo(Convert.ToHexStringLower(envelope.Payload.Span)));
            Assert.That(spec["key-id"], Is.EqualTo(key.KeyId));
            Assert.That(spec["signing-input"], Is.EqualTo(Convert.ToHexStringLower(SigningInput.Build(envelope.PayloadType, "ee", key.KeyId, envelope.Payload.Span))));
            Assert.That(spec["signature"], Is.EqualTo(Convert.ToHexStringLower(envelope.Signature.Span)));
            Assert.That(spec["envelope"], Is.EqualTo(Convert.ToHexStringLower(envelope.ToByteArray())));
        });
    }

    [Test]
    public void WorkedExample_EnvelopeFromSpecification_IsAcceptedWithRfc8032PublicKeyPinned()
    {
        var trust = new ContactDirectory();
        trust.Pin("ee", Samples.Rfc8032PublicKey);

        var result = new EnvelopeInspector(trust, "ee").Inspect(Convert.FromHexString(SpecificationBlocks()["envelope"]));

        Assert.That(result.IsAccepted(), Is.True, result.Detail());
    }

    /// <summary>Reads the fenced blocks marked <c>&lt;!-- example:NAME --&gt;</c> from protos/README.md, whitespace removed.</summary>
    internal static Dictionary<string, string> SpecificationBlocks()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root(), "protos", "README.md"));
        return ExampleBlock().Matches(readme).ToDictionary(
            m => m.Groups["name"].Value,
            m => string.Concat(m.Groups["hex"].Value.Where(c => !char.IsWhiteSpace(c))));
    }

    [GeneratedRegex(@"<!-- example:(?<name>[a-z-]+) -->\s*```[a-z]*\s*(?<hex>[0-9a-f\s]+?)```")]
    private static partial Regex ExampleBlock();
}
