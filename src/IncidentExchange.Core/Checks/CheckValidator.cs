using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Contacts;
using IncidentExchange.Core.Failures;
using IncidentExchange.Core.Validation;
using IncidentExchange.Core.Wire;

namespace IncidentExchange.Core.Checks;

/// <summary>The rules of a CommunicationCheck (protos/README.md §13.2), the same on send and on receive.</summary>
public static class CheckValidator
{
    /// <summary>Most targets of one check.</summary>
    public const int MaxTargets = 64;

    /// <summary>Most characters of <c>text</c>.</summary>
    public const int MaxTextChars = 500;

    /// <summary>Returns every rule <paramref name="check"/> breaks, each as one sentence; empty if valid.</summary>
    public static IReadOnlyList<string> Validate(CommunicationCheck check) => FieldViolation.Sentences(Violations(check));

    /// <summary>Every rule <paramref name="check"/> breaks, each with the field it concerns; empty if valid.</summary>
    public static IReadOnlyList<FieldViolation> Violations(CommunicationCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var errors = new List<FieldViolation>();
        if (!Uuid7.IsCanonical(check.CheckId))
        {
            errors.Add("check_id", $"check_id '{TextRules.Shorten(check.CheckId, 64)}' is not a UUIDv7 in lowercase canonical form.");
        }

        if (!NodeIds.IsValid(check.Origin))
        {
            errors.Add("origin", $"origin '{TextRules.Shorten(check.Origin, 64)}' is not a valid node id ({NodeIds.Rule}).");
        }

        CheckTargets(check, errors);
        if (!WireTimes.IsSet(check.IssuedAt))
        {
            errors.Add("issued_at", "issued_at must be set.");
        }

        TextRules.Check("text", check.Text, MaxTextChars, required: false, multiline: false, errors);
        return errors;
    }

    private static void CheckTargets(CommunicationCheck check, List<FieldViolation> errors)
    {
        if (check.Targets.Count is 0 or > MaxTargets)
        {
            errors.Add("targets", $"targets must name 1 to {MaxTargets} nodes; it names {check.Targets.Count}.");
            return;
        }

        // The first invalid one only: one sentence is enough to show the rule.
        for (var i = 0; i < check.Targets.Count; i++)
        {
            if (!NodeIds.IsValid(check.Targets[i]))
            {
                errors.Add($"targets[{i}]", $"target '{TextRules.Shorten(check.Targets[i], 64)}' is not a valid node id ({NodeIds.Rule}).");
                break;
            }
        }

        // Sorted without repeats: one check has one byte form for one set of targets.
        for (var i = 1; i < check.Targets.Count; i++)
        {
            if (string.CompareOrdinal(check.Targets[i - 1], check.Targets[i]) >= 0)
            {
                errors.Add("targets", "targets must be sorted (ordinal) and must not repeat.");
                break;
            }
        }

        if (check.Targets.Contains(check.Origin))
        {
            errors.Add("targets", "A node does not check itself: targets must not include the origin.");
        }
    }
}
