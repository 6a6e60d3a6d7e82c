using Google.Protobuf;
using Grpc.Net.Client;
using IncidentExchange.Contracts.V1;

namespace IncidentExchange.IntegrationTests.Upgrade;

/// <summary>
/// The questions whose answers make up what a gateway shows of its node's state (directory, delivery book, check
/// book), each named by the file its answer is kept in, so a folder of answers says by itself what to ask again:
/// <c>directory/list.json</c>, <c>directory/&lt;node&gt;.entry.json</c>, <c>directory/&lt;node&gt;.history.json</c>,
/// <c>deliveries/&lt;notice id&gt;.r&lt;revision&gt;.json</c> (<c>.latest.json</c>: revision 0, the latest),
/// <c>checks/list.json</c>, <c>checks/&lt;check id&gt;.json</c>. Only the public gRPC API is asked, so the answers
/// hold whatever stores the gateway keeps its state in.
/// </summary>
public static class StateQuestions
{
    public const string ContactList = "directory/list.json";
    public const string CheckList = "checks/list.json";

    // Every check report a ListChecks reply may carry (the gateway's own cap): the list is compared whole.
    private const uint AllChecks = 1_000;
    private const string EntrySuffix = ".entry.json";
    private const string HistorySuffix = ".history.json";
    private const string LatestSuffix = ".latest.json";

    public static string Contact(string nodeId) => $"directory/{nodeId}{EntrySuffix}";

    public static string ContactHistory(string nodeId) => $"directory/{nodeId}{HistorySuffix}";

    /// <summary>The delivery status of one revision; revision 0 asks for the latest published one.</summary>
    public static string Delivery(string noticeId, uint revision) =>
        revision == 0 ? $"deliveries/{noticeId}{LatestSuffix}" : $"deliveries/{noticeId}.r{revision}.json";

    public static string Check(string checkId) => $"checks/{checkId}.json";

    /// <summary>Every question about what <paramref name="directory"/>, <paramref name="checks"/> and the published <paramref name="notices"/> hold.</summary>
    public static IReadOnlyList<string> About(ListContactsReply directory, ListChecksReply checks, IEnumerable<(string NoticeId, uint Revision)> notices)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(notices);
        var published = notices.ToArray();
        return
        [
            ContactList,
            .. directory.Entries.SelectMany(e => new[] { Contact(e.NodeId), ContactHistory(e.NodeId) }),
            .. published.Select(n => Delivery(n.NoticeId, n.Revision)),
            .. published.Select(n => n.NoticeId).Distinct(StringComparer.Ordinal).Select(id => Delivery(id, 0)),
            CheckList,
            .. checks.Checks.Select(c => Check(c.CheckId)),
        ];
    }

    /// <summary>The message type that answers <paramref name="question"/>, to read a kept answer back.</summary>
    public static MessageParser ParserOf(string question) => Parse(question) switch
    {
        (Kind.ContactList, _) => ListContactsReply.Parser,
        (Kind.Contact, _) => DirectoryEntry.Parser,
        (Kind.ContactHistory, _) => ContactHistoryReply.Parser,
        (Kind.Delivery, _) => DeliveryStatusReply.Parser,
        (Kind.CheckList, _) => ListChecksReply.Parser,
        _ => CheckReport.Parser,
    };

    /// <summary>Asks the gateway behind <paramref name="channel"/> <paramref name="question"/>.</summary>
    public static async Task<IMessage> AskAsync(GrpcChannel channel, string question)
    {
        var gateway = new IncidentGateway.IncidentGatewayClient(channel);
        var contacts = new PointsOfContact.PointsOfContactClient(channel);
        var (kind, subject) = Parse(question);
        return kind switch
        {
            Kind.ContactList => await contacts.ListContactsAsync(new ListContactsRequest()),
            Kind.Contact => await contacts.GetContactAsync(new GetContactRequest { NodeId = subject }),
            Kind.ContactHistory => await contacts.GetContactHistoryAsync(new GetContactRequest { NodeId = subject }),
            Kind.Delivery => await gateway.GetDeliveryStatusAsync(DeliveryRequest(subject)),
            Kind.CheckList => await gateway.ListChecksAsync(new ListChecksRequest { Limit = AllChecks }),
            _ => await gateway.GetCheckReportAsync(new CheckReportRequest { CheckId = subject }),
        };
    }

    // "<id>.r<revision>" or "<id>.latest", without ".json".
    private static DeliveryStatusRequest DeliveryRequest(string subject)
    {
        var dot = subject.LastIndexOf('.');
        var which = subject[(dot + 1)..];
        uint revision = 0;
        if (which != "latest" && !(which.StartsWith('r') && uint.TryParse(which[1..], System.Globalization.CultureInfo.InvariantCulture, out revision) && revision > 0))
        {
            throw new ArgumentException($"'{subject}' names no revision: end a delivery question with .r<revision>.json or .latest.json.", nameof(subject));
        }

        return new DeliveryStatusRequest { NoticeId = subject[..dot], Revision = revision };
    }

    private static (Kind Kind, string Subject) Parse(string question)
    {
        var slash = question.IndexOf('/', StringComparison.Ordinal);
        var (folder, name) = slash < 0 ? ("", question) : (question[..slash], question[(slash + 1)..]);
        return (folder, name) switch
        {
            ("directory", "list.json") => (Kind.ContactList, ""),
            ("directory", _) when name.EndsWith(EntrySuffix, StringComparison.Ordinal) => (Kind.Contact, name[..^EntrySuffix.Length]),
            ("directory", _) when name.EndsWith(HistorySuffix, StringComparison.Ordinal) => (Kind.ContactHistory, name[..^HistorySuffix.Length]),
            ("deliveries", _) when name.EndsWith(".json", StringComparison.Ordinal) && name[..^".json".Length].Contains('.', StringComparison.Ordinal) => (Kind.Delivery, name[..^".json".Length]),
            ("checks", "list.json") => (Kind.CheckList, ""),
            ("checks", _) when name.EndsWith(".json", StringComparison.Ordinal) => (Kind.Check, name[..^".json".Length]),
            _ => throw new ArgumentException($"'{question}' names no question about a node's state (see {nameof(StateQuestions)}).", nameof(question)),
        };
    }

    private enum Kind
    {
        ContactList,
        Contact,
        ContactHistory,
        Delivery,
        CheckList,
        Check,
    }
}
