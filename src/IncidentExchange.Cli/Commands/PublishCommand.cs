using System.CommandLine;
using Grpc.Core;
using IncidentExchange.Cli.Common;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Validation;

namespace IncidentExchange.Cli.Commands;

/// <summary><c>incx publish</c>: sign and publish one incident notice through the gateway.</summary>
internal static class PublishCommand
{
    public static Command Create(CliConsole console)
    {
        var title = new Option<string>("--title") { Description = "One-line title.", Required = true };
        var summary = new Option<string>("--summary") { Description = "What happened, what is affected.", Required = true };
        var severity = WordOption("--severity", "low|medium|high|critical", Labels.Severities, required: true);
        var tlp = WordOption("--tlp", "clear|green|amber|amber+strict|red", Labels.TlpLabels, required: true);
        var category = new Option<string>("--category") { Description = "RSIT class: " + string.Join(", ", RsitCategories.All) + ".", Required = true };
        category.AcceptOnlyFromAmong([.. RsitCategories.All]);
        var status = WordOption("--status", "open|update|mitigated|resolved|retracted (default: open, or update for revision > 1)", Labels.Statuses, required: false);
        var sectors = ListOption("--sector", "Affected sector (repeatable): " + string.Join(", ", Sectors.All) + ".");
        var indicators = ListOption("--indicator", "Indicator as type:value (repeatable), e.g. ip:203.0.113.7, domain:evil.example, hash:<sha256>, cve:CVE-2024-3400.");
        var references = ListOption("--reference", "URL of an advisory or report (repeatable).");
        var mitigation = new Option<string?>("--mitigation") { Description = "What recipients should do." };
        var id = new Option<string?>("--id") { Description = "Notice id (UUIDv7) when publishing a new revision of an existing notice." };
        var revision = new Option<uint>("--revision") { Description = "Revision number (default 1)." };
        var all = new Option<bool>("--all") { Description = "Send to every node (the default)." };
        var to = new Option<string?>("--to") { Description = "Send only to these nodes, comma-separated, e.g. fr,jp." };
        var community = new Option<string?>("--community") { Description = "Send to the members of a community configured at the gateway, e.g. eu." };

        var command = new Command("publish", "Sign and publish an incident notice.")
        {
            title, summary, severity, tlp, category, status, sectors, indicators, references, mitigation, id, revision, all, to, community,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var gateway = parse.GetValue(GlobalOptions.Gateway)!;
            return CliErrors.RunAsync(console, gateway, async () =>
            {
                var notice = new IncidentNotice
                {
                    // Chosen here, not by the gateway, so that after a failure the same id can be retried:
                    // the gateway publishes one (id, revision) once.
                    NoticeId = parse.GetValue(id) ?? Guid.CreateVersion7().ToString("D"),
                    Revision = parse.GetValue(revision),
                    Title = parse.GetRequiredValue(title),
                    Summary = parse.GetRequiredValue(summary),
                    Severity = parse.GetValue(severity),
                    Tlp = parse.GetValue(tlp),
                    Category = parse.GetRequiredValue(category),
                    Status = parse.GetValue(status),
                    Mitigation = parse.GetValue(mitigation) ?? "",
                    Audience = AudienceFrom(parse.GetValue(all), parse.GetValue(to), parse.GetValue(community)),
                };
                notice.Sectors.Add(parse.GetValue(sectors) ?? []);
                notice.References.Add(parse.GetValue(references) ?? []);
                notice.Indicators.Add((parse.GetValue(indicators) ?? []).Select(IndicatorParser.Parse));

                using var connection = GatewayConnection.From(parse);
                PublishReply reply;
                try
                {
                    reply = await connection.Client.PublishAsync(new PublishRequest { Notice = notice }, cancellationToken: cancellationToken);
                }
                catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded && ex.Status.DebugException is null)
                {
                    throw new CliException($"{ex.Status.Detail} Re-run with --id {notice.NoticeId} to retry without creating a second notice.");
                }
                Print(console, parse.GetValue(GlobalOptions.Json), reply);
                return ExitCodes.Success;
            });
        });
        return command;
    }

    private static Audience AudienceFrom(bool all, string? to, string? community)
    {
        if ((all ? 1 : 0) + (to is null ? 0 : 1) + (community is null ? 0 : 1) > 1)
        {
            throw new CliException("Give only one of --all, --to and --community.");
        }

        if (community is not null)
        {
            return new Audience { Community = community };
        }

        if (to is null)
        {
            return new Audience { All = true };
        }

        var audience = new Audience();
        audience.Nodes.Add(to.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return audience;
    }

    private static void Print(CliConsole console, bool json, PublishReply reply)
    {
        if (json)
        {
            JsonLines.Write(console.Output, reply);
            return;
        }

        var verb = reply.Duplicate ? "Already published" : "Published";
        console.Output.WriteLine($"{verb}: notice {reply.NoticeId} revision {reply.Revision}, sequence {reply.Sequence}, routing key {reply.RoutingKey}.");
    }

    private static Option<T> WordOption<T>(string name, string words, IReadOnlyDictionary<string, T> values, bool required)
    {
        var option = new Option<T>(name)
        {
            Description = words,
            Required = required,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (values.TryGetValue(text, out var value))
                {
                    return value;
                }

                result.AddError($"{name} '{text}' is not one of {words.Split(' ')[0]}.");
                return default!;
            },
        };
        return option;
    }

    private static Option<string[]> ListOption(string name, string description) =>
        new(name) { Description = description, AllowMultipleArgumentsPerToken = false, Arity = ArgumentArity.ZeroOrMore };
}
