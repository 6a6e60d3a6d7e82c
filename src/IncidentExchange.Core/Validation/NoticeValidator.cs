using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Failures;
using IncidentExchange.Core.Wire;

namespace IncidentExchange.Core.Validation;

/// <summary>
/// Checks a complete notice against the rules of protos/README.md. The same rules apply
/// when a gateway publishes and when a node receives, so no node relies on its peers' checks.
/// </summary>
public static class NoticeValidator
{
    /// <summary>Returns every rule <paramref name="notice"/> breaks, each as one sentence; empty if valid.</summary>
    public static IReadOnlyList<string> Validate(IncidentNotice notice) => FieldViolation.Sentences(Violations(notice));

    /// <summary>Every rule <paramref name="notice"/> breaks, each with the field it concerns (<c>title</c>, <c>indicators[3].value</c>); empty if valid.</summary>
    public static IReadOnlyList<FieldViolation> Violations(IncidentNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var errors = new List<FieldViolation>();
        var size = notice.CalculateSize();
        if (size > NoticeLimits.MaxNoticeBytes)
        {
            // Checked first: a huge notice is refused before its parts are examined one by one.
            errors.Add("", $"The notice is {size} bytes; at most {NoticeLimits.MaxNoticeBytes} are allowed.");
            return errors;
        }

        CheckIdentity(notice, errors);
        CheckLabels(notice, errors);
        CheckText(notice, errors);
        CheckIndicators(notice, errors);
        CheckReferences(notice, errors);
        CheckAudience(notice, errors);
        return errors;
    }

    private static void CheckIdentity(IncidentNotice notice, List<FieldViolation> errors)
    {
        if (!Uuid7.IsCanonical(notice.NoticeId))
        {
            errors.Add("notice_id", $"notice_id '{notice.NoticeId}' is not a UUIDv7 in lowercase canonical form.");
        }

        if (!NodeIds.IsValid(notice.Origin))
        {
            errors.Add("origin", $"origin '{notice.Origin}' is not a valid node id ({NodeIds.Rule}).");
        }

        if (notice.Sequence == 0)
        {
            errors.Add("sequence", "sequence must be 1 or more.");
        }

        if (notice.Revision == 0)
        {
            errors.Add("revision", "revision must be 1 or more.");
        }

        if (notice.IssuedAt is null || notice.IssuedAt.Seconds <= 0)
        {
            errors.Add("issued_at", "issued_at must be set.");
        }
    }

    private static void CheckLabels(IncidentNotice notice, List<FieldViolation> errors)
    {
        if (notice.Status == NoticeStatus.Unspecified || !Enum.IsDefined(notice.Status))
        {
            errors.Add("status", "status must be one of open, update, mitigated, resolved, retracted.");
        }

        if (notice.Severity == Severity.Unspecified || !Enum.IsDefined(notice.Severity))
        {
            errors.Add("severity", "severity must be one of low, medium, high, critical.");
        }

        if (notice.Tlp == Tlp.Unspecified || !Enum.IsDefined(notice.Tlp))
        {
            errors.Add("tlp", "tlp must be one of clear, green, amber, amber+strict, red.");
        }

        if (!RsitCategories.All.Contains(notice.Category))
        {
            errors.Add("category", $"category '{notice.Category}' is not an RSIT class ({string.Join(", ", RsitCategories.All)}).");
        }

        if (notice.Sectors.Count > NoticeLimits.MaxSectors)
        {
            errors.Add("sectors", $"{notice.Sectors.Count} sectors given; at most {NoticeLimits.MaxSectors} are allowed.");
        }

        for (var i = 0; i < notice.Sectors.Count; i++)
        {
            if (!Sectors.All.Contains(notice.Sectors[i]))
            {
                errors.Add($"sectors[{i}]", $"sector '{notice.Sectors[i]}' is unknown ({string.Join(", ", Sectors.All)}).");
            }
        }

        if (notice.Sectors.Distinct(StringComparer.Ordinal).Count() != notice.Sectors.Count)
        {
            errors.Add("sectors", "sectors must not repeat.");
        }
    }

    private static void CheckText(IncidentNotice notice, List<FieldViolation> errors)
    {
        TextRules.Check("title", notice.Title, NoticeLimits.MaxTitleChars, required: true, multiline: false, errors);
        TextRules.Check("summary", notice.Summary, NoticeLimits.MaxSummaryChars, required: true, multiline: true, errors);
        TextRules.Check("mitigation", notice.Mitigation, NoticeLimits.MaxMitigationChars, required: false, multiline: true, errors);
    }

    private static void CheckIndicators(IncidentNotice notice, List<FieldViolation> errors)
    {
        if (notice.Indicators.Count > NoticeLimits.MaxIndicators)
        {
            errors.Add("indicators", $"{notice.Indicators.Count} indicators given; at most {NoticeLimits.MaxIndicators} are allowed.");
            return;
        }

        for (var i = 0; i < notice.Indicators.Count; i++)
        {
            var indicator = notice.Indicators[i];
            var name = $"indicators[{i}]";
            if (indicator.Value.Length > NoticeLimits.MaxIndicatorValueChars)
            {
                errors.Add($"{name}.value", $"{name} is {indicator.Value.Length} characters long; at most {NoticeLimits.MaxIndicatorValueChars} are allowed.");
                continue;
            }

            if (IndicatorRules.Check(indicator.Type, indicator.Value) is { } problem)
            {
                // An unknown type is the type's fault; otherwise the value does not have the type's form.
                errors.Add(Enum.IsDefined(indicator.Type) && indicator.Type != IndicatorType.Unspecified ? $"{name}.value" : $"{name}.type", $"{name} '{indicator.Value}' {problem}.");
            }

            TextRules.Check($"{name}.description", indicator.Description, NoticeLimits.MaxIndicatorDescriptionChars, required: false, multiline: false, errors);
        }
    }

    private static void CheckReferences(IncidentNotice notice, List<FieldViolation> errors)
    {
        if (notice.References.Count > NoticeLimits.MaxReferences)
        {
            errors.Add("references", $"{notice.References.Count} references given; at most {NoticeLimits.MaxReferences} are allowed.");
            return;
        }

        for (var i = 0; i < notice.References.Count; i++)
        {
            var reference = notice.References[i];
            if (reference.Length > NoticeLimits.MaxReferenceChars
                || !Uri.TryCreate(reference, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                errors.Add($"references[{i}]", $"reference '{Shorten(reference)}' is not an http(s) URL of at most {NoticeLimits.MaxReferenceChars} characters.");
            }
        }
    }

    private static void CheckAudience(IncidentNotice notice, List<FieldViolation> errors)
    {
        var audience = notice.Audience;
        if (audience is null || (!audience.All && audience.Nodes.Count == 0))
        {
            errors.Add("audience", "audience must be either all nodes or one or more named nodes.");
            return;
        }

        if (audience.All && audience.Nodes.Count > 0)
        {
            errors.Add("audience", "audience cannot be both all nodes and named nodes.");
        }

        if (audience.Nodes.Count > NoticeLimits.MaxAudienceNodes)
        {
            errors.Add("audience.nodes", $"{audience.Nodes.Count} recipient nodes given; at most {NoticeLimits.MaxAudienceNodes} are allowed.");
        }

        for (var i = 0; i < audience.Nodes.Count; i++)
        {
            if (!NodeIds.IsValid(audience.Nodes[i]))
            {
                errors.Add($"audience.nodes[{i}]", $"recipient '{audience.Nodes[i]}' is not a valid node id ({NodeIds.Rule}).");
            }
        }

        if (audience.Nodes.Distinct(StringComparer.Ordinal).Count() != audience.Nodes.Count)
        {
            errors.Add("audience.nodes", "recipient nodes must not repeat.");
        }

        if (audience.Community.Length > 0 && !NodeIds.IsValid(audience.Community))
        {
            errors.Add("audience.community", $"community '{audience.Community}' is not a valid name ({NodeIds.Rule}).");
        }

        if (notice.Tlp == Tlp.Red && audience.All)
        {
            errors.Add("audience.all", "TLP:RED notices must name their recipients; they cannot be broadcast.");
        }

        if (notice.Tlp is Tlp.Amber or Tlp.AmberStrict && audience.All)
        {
            errors.Add("audience.all", "TLP:AMBER and TLP:AMBER+STRICT notices cannot be broadcast to every node; address them to named nodes or a community.");
        }
    }

    private static string Shorten(string value) => TextRules.Shorten(value);
}
