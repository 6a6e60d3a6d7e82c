using System.Text;
using IncidentExchange.Core.Crypto;

namespace IncidentExchange.Core.Tests.Crypto;

public class SigningInputTests
{
    [Test]
    public void Build_SmallFields_LaysOutContextThenLengthPrefixedFields()
    {
        var input = SigningInput.Build("t", "ee", "k1", [0xAA, 0xBB]);

        var expected = Encoding.ASCII.GetBytes("incx.v1.envelope")
            .Concat(new byte[] { 0, 0, 0, 1 }).Concat("t"u8.ToArray())
            .Concat(new byte[] { 0, 0, 0, 2 }).Concat("ee"u8.ToArray())
            .Concat(new byte[] { 0, 0, 0, 2 }).Concat("k1"u8.ToArray())
            .Concat(new byte[] { 0, 0, 0, 2, 0xAA, 0xBB })
            .ToArray();
        Assert.That(input, Is.EqualTo(expected));
    }

    [Test]
    public void Build_FieldBoundaryMoved_GivesDifferentInput()
    {
        // Without length prefixes "ab"+"c" and "a"+"bc" would sign the same bytes.
        Assert.That(SigningInput.Build("ab", "c", "k", []), Is.Not.EqualTo(SigningInput.Build("a", "bc", "k", [])));
    }
}
