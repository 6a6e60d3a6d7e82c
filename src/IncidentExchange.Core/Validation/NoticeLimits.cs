namespace IncidentExchange.Core.Validation;

/// <summary>Size limits of an incident notice (protos/README.md, "Validation rules and limits").</summary>
public static class NoticeLimits
{
    public const int MaxTitleChars = 200;
    public const int MaxSummaryChars = 8_000;
    public const int MaxMitigationChars = 8_000;
    public const int MaxIndicators = 1_000;
    public const int MaxIndicatorValueChars = 2_048;
    public const int MaxIndicatorDescriptionChars = 500;
    public const int MaxReferences = 50;
    public const int MaxReferenceChars = 2_048;
    public const int MaxSectors = 20;
    public const int MaxAudienceNodes = 200;

    /// <summary>Largest serialised notice; leaves room in the envelope for the signature and labels.</summary>
    public const int MaxNoticeBytes = 240 * 1024;
}
