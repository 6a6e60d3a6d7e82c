using IncidentExchange.Cli.Common;
using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Core.Tests.Cli;

public class IndicatorParserTests
{
    [TestCase("ip:192.0.2.1", IndicatorType.Ipv4, "192.0.2.1")]
    [TestCase("ip:2001:db8::1", IndicatorType.Ipv6, "2001:db8::1")]
    [TestCase("hash:d41d8cd98f00b204e9800998ecf8427e", IndicatorType.Md5, "d41d8cd98f00b204e9800998ecf8427e")]
    [TestCase("url:https://evil.example/a?b=c", IndicatorType.Url, "https://evil.example/a?b=c")]
    [TestCase("CVE:CVE-2024-3400", IndicatorType.Cve, "CVE-2024-3400")]
    public void Parse_TypeAndValue_SplitsAtFirstColon(string text, IndicatorType type, string value)
    {
        var indicator = IndicatorParser.Parse(text);

        Assert.Multiple(() =>
        {
            Assert.That(indicator.Type, Is.EqualTo(type));
            Assert.That(indicator.Value, Is.EqualTo(value));
        });
    }

    [TestCase("192.0.2.1")]
    [TestCase("ip:")]
    [TestCase("bogus:value")]
    public void Parse_Malformed_ThrowsOneSentence(string text)
    {
        Assert.That(() => IndicatorParser.Parse(text), Throws.TypeOf<CliException>().With.Message.EndsWith("."));
    }
}
