namespace IncidentExchange.Core.Contacts;

/// <summary>Size limits of a ContactRecord (protos/README.md, points-of-contact directory).</summary>
public static class ContactLimits
{
    public const int MaxOrganisationChars = 200;
    public const int MaxContacts = 20;
    public const int MaxNameChars = 200;
    public const int MaxEmailChars = 254;
    public const int MaxPhoneChars = 40;
    public const int MaxHoursChars = 100;
    public const int MaxTimeZoneChars = 64;
    public const int MaxLanguages = 10;
    public const int MaxKeys = 16;
    public const int MaxRevocationReasonChars = 200;

    /// <summary>Versions of one node's record a node keeps in memory (its files keep them all, for the chain of trust).</summary>
    public const int MaxVersionsKept = 100;

    /// <summary>How far in the future (by the receiver's clock) a record's issued_at may lie.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(10);

    /// <summary>Largest serialised record.</summary>
    public const int MaxRecordBytes = 64 * 1024;
}
