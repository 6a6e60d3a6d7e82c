using System.Globalization;
using Grpc.Core;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Grpc;
using IncidentExchange.Gateway.Resends;
using IncidentExchange.Messaging;

namespace IncidentExchange.Gateway.History;

/// <summary>The history API: replay what this node sent and received, verified again.</summary>
public sealed class HistoryService(HistoryReader reader, GapFinder gaps, ResendRequester resends, IHostApplicationLifetime lifetime) : Contracts.V1.History.HistoryBase
{
    /// <summary>Response header with the number of entries in the history when the replay started (an estimate, for progress).</summary>
    public const string SizeHeader = "incx-history-size";

    private const string NotThere = "The history stream is not available yet (the broker is still starting it, or it could not be declared: see the gateway log); try again in a moment.";

    /// <inheritdoc />
    public override async Task Replay(ReplayRequest request, IServerStreamWriter<ReplayItem> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        ReplayFilter filter;
        try
        {
            filter = ReplayFilter.From(request);
        }
        catch (ArgumentException ex)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, ex.Message));
        }

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
        catch (Exception ex) when (ex is BrokerUnavailableException or IOException or RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"The history cannot be read now ({ex.Message}); try again when the broker is back."));
        }
        catch (UnroutableException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, NotThere));
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The gateway is shutting down; replay again from the last offset you received."));
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
        catch (Exception ex) when (ex is BrokerUnavailableException or IOException or RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"The history cannot be read now ({ex.Message}); try again when the broker is back."));
        }
        catch (UnroutableException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, NotThere));
        }
    }

    /// <inheritdoc />
    public override async Task<RequestResendReply> RequestResend(RequestResendRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return new RequestResendReply { RequestId = await RpcErrors.Map(() => resends.RequestAsync(request.Origin, request.FromSequence, request.ToSequence, context.CancellationToken)) };
        }
        catch (ArgumentException ex)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, ex.Message));
        }
    }
}
