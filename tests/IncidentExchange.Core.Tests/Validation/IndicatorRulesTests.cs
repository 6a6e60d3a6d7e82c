using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Validation;

namespace IncidentExchange.Core.Tests.Validation;

public class IndicatorRulesTests
{
    [TestCase(IndicatorType.Ipv4, "192.0.2.1")]
    [TestCase(IndicatorType.Ipv4, "198.51.100.0/24")]
    [TestCase(IndicatorType.Ipv6, "2001:db8::1")]
    [TestCase(IndicatorType.Ipv6, "2001:db8::/32")]
    [TestCase(IndicatorType.Domain, "evil.example")]
    [TestCase(IndicatorType.Domain, "xn--80ak6aa92e.com")]
    [TestCase(IndicatorType.Url, "https://evil.example/payload.bin")]
    [TestCase(IndicatorType.Email, "phish@evil.example")]
    [TestCase(IndicatorType.Md5, "d41d8cd98f00b204e9800998ecf8427e")]
    [TestCase(IndicatorType.Sha1, "da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [TestCase(IndicatorType.Sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [TestCase(IndicatorType.Cve, "CVE-2024-3400")]
    [TestCase(IndicatorType.Asn, "AS64500")]
    public void Check_WellFormedValue_IsAccepted(IndicatorType type, string value)
    {
        Assert.That(IndicatorRules.Check(type, value), Is.Null);
    }

    [TestCase(IndicatorType.Ipv4, "2001:db8::1")]
    [TestCase(IndicatorType.Ipv4, "300.1.1.1")]
    [TestCase(IndicatorType.Ipv6, "192.0.2.1")]
    [TestCase(IndicatorType.Domain, "not a domain")]
    [TestCase(IndicatorType.Domain, "localhost")]
    [TestCase(IndicatorType.Url, "/relative/path")]
    [TestCase(IndicatorType.Email, "no-at-sign")]
    [TestCase(IndicatorType.Md5, "abc")]
    [TestCase(IndicatorType.Sha256, "zz" + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8")]
    [TestCase(IndicatorType.Cve, "CVE-24-1")]
    [TestCase(IndicatorType.Asn, "64500x")]
    [TestCase(IndicatorType.Unspecified, "anything")]
    [TestCase(IndicatorType.Ipv4, "127.1")]
    [TestCase(IndicatorType.Ipv4, "3232235777")]
    [TestCase(IndicatorType.Ipv4, "0x7f.0.0.1")]
    [TestCase(IndicatorType.Ipv4, "192.0.2.1\n")]
    [TestCase(IndicatorType.Ipv6, "fe80::1%eth0")]
    [TestCase(IndicatorType.Ipv6, "[::1]")]
    [TestCase(IndicatorType.Ipv6, "[::1]:80")]
    [TestCase(IndicatorType.Domain, "evil.example\n")]
    [TestCase(IndicatorType.Domain, "\u212Aelvin.example")]
    [TestCase(IndicatorType.Cve, "CVE-\u0662\u0660\u0662\u0664-1234")]
    [TestCase(IndicatorType.Asn, "AS4294967296")]
    public void Check_MalformedValue_SaysWhatItIsNot(IndicatorType type, string value)
    {
        Assert.That(IndicatorRules.Check(type, value), Is.Not.Null.And.StartsWith("is not").Or.StartsWith("has an unknown"));
    }
}
