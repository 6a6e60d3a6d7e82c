using Google.Protobuf;
using IncidentExchange.Core.Inbound;

namespace IncidentExchange.Core.Tests;

/// <summary>
/// Reads an <see cref="InspectionResult"/> in assertions: each accessor is null (or false) where the result is the other
/// case, so an assertion about a rejection fails on an accepted body and the other way round.
/// </summary>
internal static class Inspected
{
    public static bool IsAccepted(this InspectionResult result) => result is InspectionResult.Accepted;

    public static IMessage? Payload(this InspectionResult result) => (result as InspectionResult.Accepted)?.Payload;

    public static RejectionReason? Reason(this InspectionResult result) => (result as InspectionResult.Rejected)?.Reason;

    public static string? Detail(this InspectionResult result) => (result as InspectionResult.Rejected)?.Detail;
}
