using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Validation;

namespace IncidentExchange.Core.Tests.Validation;

public class NoticeValidatorTests
{
    [Test]
    public void Validate_SampleNotice_HasNoErrors()
    {
        Assert.That(NoticeValidator.Validate(Samples.Notice()), Is.Empty);
    }

    [Test]
    public void Violations_SeveralRulesBroken_EachNamesItsFieldAndKeepsItsSentence()
    {
        var notice = Samples.Notice();
        notice.Title = "";
        notice.Indicators.Add(new Indicator { Type = IndicatorType.Domain, Value = "not a domain" });
        notice.Indicators.Add(new Indicator { Type = (IndicatorType)99, Value = "x" });
        notice.Sectors.Add("nuclear-submarines");
        notice.Tlp = Tlp.Red;

        var violations = NoticeValidator.Violations(notice);

        Assert.Multiple(() =>
        {
            Assert.That(violations.Select(v => v.Field), Is.EqualTo(new[] { "sectors[1]", "title", "indicators[1].value", "indicators[2].type", "audience.all" }));
            Assert.That(violations.Select(v => v.Description), Is.EqualTo(NoticeValidator.Validate(notice)), "the sentences are Validate's, in its order");
        });
    }

    [Test]
    public void Violations_NoticeTooLarge_NamesTheNoticeAsAWhole()
    {
        var notice = Samples.Notice();
        notice.Summary = new string('x', NoticeLimits.MaxNoticeBytes);

        Assert.That(NoticeValidator.Violations(notice).Select(v => v.Field), Is.EqualTo(new[] { "" }));
    }

    [Test]
    public void Validate_TitleOneOverLimit_NamesFieldAndLimit()
    {
        var notice = Samples.Notice();
        notice.Title = new string('x', NoticeLimits.MaxTitleChars + 1);

        Assert.That(NoticeValidator.Validate(notice), Has.One.Contains("title").And.Contains($"at most {NoticeLimits.MaxTitleChars}"));
    }

    [Test]
    public void Validate_TitleAtLimit_IsAccepted()
    {
        var notice = Samples.Notice();
        notice.Title = new string('x', NoticeLimits.MaxTitleChars);

        Assert.That(NoticeValidator.Validate(notice), Is.Empty);
    }

    [Test]
    public void Validate_TooManyIndicators_IsRefusedWithCount()
    {
        var notice = Samples.Notice();
        notice.Indicators.Clear();
        for (var i = 0; i <= NoticeLimits.MaxIndicators; i++)
        {
            notice.Indicators.Add(new Indicator { Type = IndicatorType.Ipv4, Value = $"10.0.{i / 256}.{i % 256}" });
        }

        Assert.That(NoticeValidator.Validate(notice), Has.One.Contains($"{NoticeLimits.MaxIndicators + 1} indicators"));
    }

    [Test]
    public void Validate_NoticeOverTotalSize_IsRefusedBeforeFieldChecks()
    {
        var notice = Samples.Notice();
        for (var i = 0; i < 200; i++)
        {
            notice.Indicators.Add(new Indicator { Type = IndicatorType.Url, Value = "https://example.org/" + new string('a', 1_500) });
        }

        var errors = NoticeValidator.Validate(notice);

        Assert.Multiple(() =>
        {
            Assert.That(errors, Has.Count.EqualTo(1));
            Assert.That(errors[0], Does.Contain("bytes").And.Contain(NoticeLimits.MaxNoticeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        });
    }

    [Test]
    public void Validate_RedBroadcast_IsRefused()
    {
        var notice = Samples.Notice();
        notice.Tlp = Tlp.Red;

        Assert.That(NoticeValidator.Validate(notice), Has.One.Contains("TLP:RED"));
    }

    [TestCase(Tlp.Amber)]
    [TestCase(Tlp.AmberStrict)]
    public void Validate_AmberBroadcast_IsRefused(Tlp tlp)
    {
        var notice = Samples.Notice();
        notice.Tlp = tlp;

        Assert.That(NoticeValidator.Validate(notice), Has.One.Contains("TLP:AMBER"));
    }

    [Test]
    public void Validate_AmberToCommunityMembers_IsAccepted()
    {
        var notice = Samples.Notice();
        notice.Tlp = Tlp.Amber;
        notice.Audience = new Audience { Nodes = { "ee", "fr" }, Community = "eu" };

        Assert.That(NoticeValidator.Validate(notice), Is.Empty);
    }

    [Test]
    public void Validate_RedToNamedNodes_IsAccepted()
    {
        var notice = Samples.Notice();
        notice.Tlp = Tlp.Red;
        notice.Audience = new Audience { Nodes = { "fr", "jp" } };

        Assert.That(NoticeValidator.Validate(notice), Is.Empty);
    }

    [TestCase("")]
    [TestCase("Malicious-Code")]
    [TestCase("ransomware")]
    public void Validate_CategoryNotAnRsitClass_IsRefused(string category)
    {
        var notice = Samples.Notice();
        notice.Category = category;

        Assert.That(NoticeValidator.Validate(notice), Has.One.Contains("RSIT"));
    }

    [Test]
    public void Validate_EveryRsitClass_IsAccepted()
    {
        var notice = Samples.Notice();
        Assert.Multiple(() =>
        {
            foreach (var category in RsitCategories.All)
            {
                notice.Category = category;
                Assert.That(NoticeValidator.Validate(notice), Is.Empty, category);
            }
        });
    }

    [Test]
    public void Validate_NoticeIdNotUuidV7_IsRefused()
    {
        var notice = Samples.Notice();
        notice.NoticeId = Guid.NewGuid().ToString("D");

        Assert.That(NoticeValidator.Validate(notice), Has.One.Contains("UUIDv7"));
    }

    [Test]
    public void Validate_UuidV7WithWrongVariant_IsRefused()
    {
        var notice = Samples.Notice();
        // Variant nibble 'c' (110x) is Microsoft's, not RFC 9562's 10xx.
        notice.NoticeId = "017f22e2-79b0-7cc3-c8c4-dc0c0c07398f";

        Assert.That(NoticeValidator.Validate(notice), Has.One.Contains("UUIDv7"));
    }

    [Test]
    public void Validate_UppercaseNoticeId_IsRefused()
    {
        var notice = Samples.Notice();
        notice.NoticeId = notice.NoticeId.ToUpperInvariant();

        Assert.That(NoticeValidator.Validate(notice), Has.One.Contains("lowercase"));
    }

    [Test]
    public void Validate_UnspecifiedLabels_EachNamed()
    {
        var notice = Samples.Notice();
        notice.Status = NoticeStatus.Unspecified;
        notice.Severity = Severity.Unspecified;
        notice.Tlp = Tlp.Unspecified;

        var errors = NoticeValidator.Validate(notice);

        Assert.Multiple(() =>
        {
            Assert.That(errors, Has.One.StartsWith("status"));
            Assert.That(errors, Has.One.StartsWith("severity"));
            Assert.That(errors, Has.One.StartsWith("tlp"));
        });
    }

    [Test]
    public void Validate_EnumValueUnknownToThisVersion_IsRefused()
    {
        var notice = Samples.Notice();
        notice.Severity = (Severity)99;

        Assert.That(NoticeValidator.Validate(notice), Has.One.StartsWith("severity"));
    }

    [Test]
    public void Validate_ControlCharacterInTitle_IsRefused()
    {
        var notice = Samples.Notice();
        notice.Title = "Alert\u001b[2J";

        Assert.That(NoticeValidator.Validate(notice), Has.One.Contains("control characters"));
    }

    [Test]
    public void Validate_NewlinesInSummary_AreAccepted()
    {
        var notice = Samples.Notice();
        notice.Summary = "line one\nline two\r\n\tindented";

        Assert.That(NoticeValidator.Validate(notice), Is.Empty);
    }

    [Test]
    public void Validate_NoAudience_IsRefused()
    {
        var notice = Samples.Notice();
        notice.Audience = null;

        Assert.That(NoticeValidator.Validate(notice), Has.One.Contains("audience"));
    }

    [Test]
    public void Validate_AllAndNamedNodes_IsRefused()
    {
        var notice = Samples.Notice();
        notice.Audience.Nodes.Add("fr");

        Assert.That(NoticeValidator.Validate(notice), Has.One.Contains("both"));
    }

    [TestCase("FR")]
    [TestCase("all")]
    [TestCase("fr\n")]
    [TestCase("f")]
    [TestCase("fr.x")]
    public void Validate_InvalidRecipient_IsRefused(string node)
    {
        var notice = Samples.Notice();
        notice.Audience = new Audience { Nodes = { node } };

        Assert.That(NoticeValidator.Validate(notice), Has.One.Contains($"'{node}'"));
    }

    [Test]
    public void Validate_UnknownSector_IsRefused()
    {
        var notice = Samples.Notice();
        notice.Sectors.Add("nuclear-submarines");

        Assert.That(NoticeValidator.Validate(notice), Has.One.Contains("nuclear-submarines"));
    }

    [Test]
    public void Validate_ReferenceNotHttp_IsRefused()
    {
        var notice = Samples.Notice();
        notice.References.Add("javascript:alert(1)");

        Assert.That(NoticeValidator.Validate(notice), Has.One.Contains("http(s) URL"));
    }

    [Test]
    public void Validate_ZeroSequenceAndRevision_AreRefused()
    {
        var notice = Samples.Notice();
        notice.Sequence = 0;
        notice.Revision = 0;

        var errors = NoticeValidator.Validate(notice);

        Assert.Multiple(() =>
        {
            Assert.That(errors, Has.One.StartsWith("sequence"));
            Assert.That(errors, Has.One.StartsWith("revision"));
        });
    }
}
