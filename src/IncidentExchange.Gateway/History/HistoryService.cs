using System.Globalization;
using Grpc.Core;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Grpc;
using IncidentExchange.Gateway.Resends;

namespace IncidentExchange.Gateway.History;

/// <summary>The history API: replay what this node sent and received, verified again; find gaps and ask for re-sends.</summary>
public sealed class HistoryService(HistoryReader reader, GapFinder gaps, ResendRequester resends, IHostApplicationLifetime lifetime) : Contracts.V1.History.HistoryBase
{
    /// <summary>Response header with the number of entries in the history when the replay started (an estimate, for progress).</summary>
    public const string SizeHeader = "incx-history-size";

    /// <inheritdoc />
    public override async Task Replay(ReplayRequest request, IServerStreamWriter<ReplayItem> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var filter = ReplayFilter.From(request);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var headers = new Metadata();
        if (await reader.SizeAsync(stop.Token) is { } size)
        {
            headers.Add(SizeHeader, size.ToString(CultureInfo.InvariantCulture));
        }

        await context.WriteResponseHeadersAsync(headers);
        try
        {
            await foreach (var item in reader.ReadAsync(request, filter, stop.Token))
            {
                await responseStream.WriteAsync(item, stop.Token);
            }
        }
        catch (Exception ex) when (HistoryUnavailableException.From(ex) is { } unavailable)
        {
            throw unavailable;
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            throw new GatewayStoppingException("The gateway is shutting down; replay again from the last offset you received.");
        }
    }

    /// <inheritdoc />
    public override async Task<GapReport> CheckGaps(CheckGapsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return await gaps.FindAsync(request.Origin, context.CancellationToken);
        }
        catch (Exception ex) when (HistoryUnavailableException.From(ex) is { } unavailable)
        {
            throw unavailable;
        }
    }

    /// <inheritdoc />
    public override async Task<RequestResendReply> RequestResend(RequestResendRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return new RequestResendReply { RequestId = await resends.RequestAsync(request.Origin, request.FromSequence, request.ToSequence, context.CancellationToken) };
    }
}
