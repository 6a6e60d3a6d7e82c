using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Core.Wire;

/// <summary>The payload type names an <see cref="Envelope"/> may carry.</summary>
public static class PayloadTypes
{
    /// <summary><c>incx.v1.IncidentNotice</c>.</summary>
    public static readonly string IncidentNotice = Contracts.V1.IncidentNotice.Descriptor.FullName;

    /// <summary><c>incx.v1.ContactRecord</c>.</summary>
    public static readonly string ContactRecord = Contracts.V1.ContactRecord.Descriptor.FullName;

    /// <summary><c>incx.v1.Receipt</c>.</summary>
    public static readonly string Receipt = Contracts.V1.Receipt.Descriptor.FullName;

    /// <summary><c>incx.v1.CommunicationCheck</c>.</summary>
    public static readonly string CommunicationCheck = Contracts.V1.CommunicationCheck.Descriptor.FullName;

    /// <summary><c>incx.v1.ResendRequest</c>.</summary>
    public static readonly string ResendRequest = Contracts.V1.ResendRequest.Descriptor.FullName;

    /// <summary><c>incx.v1.ResendReply</c>.</summary>
    public static readonly string ResendReply = Contracts.V1.ResendReply.Descriptor.FullName;
}
