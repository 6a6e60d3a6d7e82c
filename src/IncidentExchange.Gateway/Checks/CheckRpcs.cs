using Grpc.Core;
using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Gateway.Checks;

/// <summary>The communication-check RPCs of <c>incx.v1.IncidentGateway</c>: StartCheck, GetCheckReport, ListChecks.</summary>
public sealed class CheckRpcs(CheckSender sender, CheckBook checks, TimeProvider time)
{
    /// <summary>Check reports ListChecks returns when the request sets no limit.</summary>
    public const int DefaultCheckHistory = 50;

    /// <summary>Most check reports one ListChecks reply carries (a reply stays well under gRPC's 4 MB).</summary>
    public const int MaxCheckHistory = 1_000;

    /// <summary>Sends a check; returns its report once the broker confirmed every copy.</summary>
    public Task<CheckReport> StartCheck(StartCheckRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return sender.StartAsync(request, context.CancellationToken);
    }

    /// <summary>The report of a check this node sent, as it stands now.</summary>
    public Task<CheckReport> GetCheckReport(CheckReportRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(checks.Report(request.CheckId, time.GetUtcNow())
            ?? throw new CheckNotFoundException(request.CheckId));
    }

    /// <summary>The most recent checks this node sent, newest first.</summary>
    public Task<ListChecksReply> ListChecks(ListChecksRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reply = new ListChecksReply();
        reply.Checks.Add(checks.Recent(request.Limit == 0 ? DefaultCheckHistory : (int)Math.Min(request.Limit, MaxCheckHistory), time.GetUtcNow()));
        return Task.FromResult(reply);
    }
}
