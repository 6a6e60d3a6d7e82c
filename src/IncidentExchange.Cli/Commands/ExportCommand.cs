using System.CommandLine;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IncidentExchange.Cli.Common;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Export;

namespace IncidentExchange.Cli.Commands;

/// <summary>
/// <c>incx export --format jsonl|stix|misp</c>: this node's history for the tools CERTs already run. jsonl is lossless
/// (every envelope, signed, with its verification); stix and misp carry the notices that verified.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliConsole console)
    {
        var format = new Option<string>("--format") { Description = "jsonl (lossless, signatures included), stix (STIX 2.1 bundle) or misp (MISP event JSON).", Required = true };
        format.AcceptOnlyFromAmong("jsonl", "stix", "misp");
        var output = new Option<FileInfo?>("--out") { Description = "Write to this file instead of standard output." };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Stored at or after this time (ISO 8601, or a duration ago such as 30d).", CustomParser = Times.Parse };
        var until = new Option<DateTimeOffset?>("--until") { Description = "Stored before this time.", CustomParser = Times.Parse };
        var origin = new Option<string?>("--origin") { Description = "Only what this node signed." };
        var command = new Command("export", "Export this node's history as JSON lines, a STIX 2.1 bundle or MISP events.") { format, output, since, until, origin };
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(console, parse.GetValue(GlobalOptions.Gateway)!, async () =>
        {
            var kind = parse.GetRequiredValue(format);
            var request = new ReplayRequest
            {
                Since = parse.GetValue(since) is { } s ? Timestamp.FromDateTimeOffset(s) : null,
                Until = parse.GetValue(until) is { } u ? Timestamp.FromDateTimeOffset(u) : null,
                Origin = parse.GetValue(origin) ?? "",
            };
            if (kind != "jsonl")
            {
                request.Kinds.Add("notice");
            }

            using var connection = GatewayConnection.From(parse);
            using var call = new Contracts.V1.History.HistoryClient(connection.Channel).Replay(request, cancellationToken: cancellationToken);
            var file = parse.GetValue(output);
            await using Stream stream = file is null ? new TextWriterStream(console.Output) : file.Create();
            var (written, skipped) = kind switch
            {
                "jsonl" => await WriteJsonlAsync(stream, call, cancellationToken),
                "stix" => await WriteNoticesAsync(call, new StixWriter(stream, Guid.NewGuid()), (w, n) => w.Add(n), cancellationToken),
                _ => await WriteNoticesAsync(call, new MispWriter(stream), (w, n) => w.Add(n), cancellationToken),
            };
            console.Error.WriteLine(skipped == 0
                ? $"incx: exported {written} item(s) as {kind}."
                : $"incx: exported {written} item(s) as {kind}; left out {skipped} that failed verification (see incx replay).");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static async Task<(long Written, long Skipped)> WriteJsonlAsync(Stream stream, AsyncServerStreamingCall<ReplayItem> call, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, leaveOpen: true) { NewLine = "\n" };
        long written = 0;
        await foreach (var item in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            await writer.WriteLineAsync(JsonlExport.Format(item));
            written++;
        }

        return (written, 0);
    }

    // Only verified notices go to other tools: they cannot check a signature, so they must not receive an unchecked claim.
    private static async Task<(long Written, long Skipped)> WriteNoticesAsync<TWriter>(AsyncServerStreamingCall<ReplayItem> call, TWriter writer, Action<TWriter, IncidentNotice> add, CancellationToken cancellationToken)
        where TWriter : IDisposable
    {
        long written = 0, skipped = 0;
        using (writer)
        {
            await foreach (var item in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                if (item.Notice is null || !item.Verification.Verified)
                {
                    skipped += item.Notice is null ? 0 : 1;
                    continue;
                }

                add(writer, item.Notice);
                written++;
            }
        }

        return (written, skipped);
    }
}
