namespace IncidentExchange.Core.Failures;

/// <summary>Lets the validators add a broken rule as (field, sentence).</summary>
internal static class ViolationLists
{
    public static void Add(this List<FieldViolation> violations, string field, string description) =>
        violations.Add(new FieldViolation(field, description));
}
