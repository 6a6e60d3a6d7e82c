using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Contacts;
using IncidentExchange.Core.Failures;
using IncidentExchange.Core.Validation;
using IncidentExchange.Core.Wire;

namespace IncidentExchange.Core.Receipts;

/// <summary>The rules of a Receipt (protos/README.md §13.1), the same on send and on receive.</summary>
public static class ReceiptValidator
{
    /// <summary>Most characters of <c>acknowledged_by</c>.</summary>
    public const int MaxAcknowledgedByChars = 200;

    /// <summary>Returns every rule <paramref name="receipt"/> breaks, each as one sentence; empty if valid.</summary>
    public static IReadOnlyList<string> Validate(Receipt receipt) => FieldViolation.Sentences(Violations(receipt));

    /// <summary>Every rule <paramref name="receipt"/> breaks, each with the field it concerns; empty if valid.</summary>
    public static IReadOnlyList<FieldViolation> Violations(Receipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var errors = new List<FieldViolation>();
        CheckSubject(receipt, errors);
        if (!NodeIds.IsValid(receipt.NoticeOrigin))
        {
            errors.Add("notice_origin", $"notice_origin '{Shorten(receipt.NoticeOrigin)}' is not a valid node id ({NodeIds.Rule}).");
        }

        if (receipt.Kind is not (ReceiptKind.Delivered or ReceiptKind.Acknowledged))
        {
            errors.Add("kind", "kind must be DELIVERED or ACKNOWLEDGED.");
        }

        if (!NodeIds.IsValid(receipt.Recipient))
        {
            errors.Add("recipient", $"recipient '{Shorten(receipt.Recipient)}' is not a valid node id ({NodeIds.Rule}).");
        }

        if (!WireTimes.IsSet(receipt.At))
        {
            errors.Add("at", "at must be set.");
        }

        TextRules.Check("acknowledged_by", receipt.AcknowledgedBy, MaxAcknowledgedByChars, required: false, multiline: false, errors);
        if (receipt.Kind == ReceiptKind.Delivered && receipt.AcknowledgedBy.Length > 0)
        {
            errors.Add("acknowledged_by", "acknowledged_by is only for ACKNOWLEDGED receipts.");
        }

        return errors;
    }

    // A receipt answers exactly one thing: a notice (id, sequence, revision) or a communication check (id only).
    private static void CheckSubject(Receipt receipt, List<FieldViolation> errors)
    {
        if (receipt.CheckId.Length > 0)
        {
            if (!Uuid7.IsCanonical(receipt.CheckId))
            {
                errors.Add("check_id", $"check_id '{Shorten(receipt.CheckId)}' is not a UUIDv7 in lowercase canonical form.");
            }

            if (receipt.NoticeId.Length > 0 || receipt.NoticeSequence != 0 || receipt.NoticeRevision != 0)
            {
                errors.Add("check_id", "A receipt for a check has no notice_id, notice_sequence or notice_revision.");
            }

            return;
        }

        if (!Uuid7.IsCanonical(receipt.NoticeId))
        {
            errors.Add("notice_id", $"notice_id '{Shorten(receipt.NoticeId)}' is not a UUIDv7 in lowercase canonical form.");
        }

        if (receipt.NoticeSequence == 0 || receipt.NoticeRevision == 0)
        {
            errors.Add("notice_sequence", "notice_sequence and notice_revision must be 1 or more.");
        }
    }

    private static string Shorten(string value) => TextRules.Shorten(value, 64);
}
