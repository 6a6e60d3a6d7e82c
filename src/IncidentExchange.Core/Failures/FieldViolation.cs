namespace IncidentExchange.Core.Failures;

/// <summary>
/// One broken rule of a message: the field it concerns, as a path in that message with proto field names
/// (<c>indicators[3].value</c>; empty for the message as a whole), and the one sentence that says what is wrong.
/// </summary>
public sealed record FieldViolation(string Field, string Description)
{
    /// <summary>This violation for the message nested at <paramref name="path"/> of a request: <c>title</c> under <c>notice</c> is <c>notice.title</c>.</summary>
    public FieldViolation Under(string path) => this with { Field = Field.Length == 0 ? path : $"{path}.{Field}" };

    /// <summary>The sentences of <paramref name="violations"/>, in order.</summary>
    public static IReadOnlyList<string> Sentences(IEnumerable<FieldViolation> violations) => violations.Select(v => v.Description).ToArray();
}
