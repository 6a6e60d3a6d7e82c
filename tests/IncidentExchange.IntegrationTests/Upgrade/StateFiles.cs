using Google.Protobuf;
using Grpc.Net.Client;

namespace IncidentExchange.IntegrationTests.Upgrade;

/// <summary>
/// What a gateway shows of its node's state, kept as files of protobuf JSON, one answer per file (named as in
/// <see cref="StateQuestions"/>): written once from one gateway, then required of another gateway serving the same
/// data. The comparison is protobuf message equality, so every field counts: times to the tick, who acknowledged,
/// key ids, flags.
/// </summary>
public static class StateFiles
{
    // The CLI's --json form (proto field names, defaults shown), indented so a changed answer reads as a small diff.
    private static readonly JsonFormatter Formatter =
        new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true).WithFormatDefaultValues(true).WithIndentation());

    /// <summary>Asks every question in turn; the answers by question.</summary>
    public static async Task<IReadOnlyDictionary<string, IMessage>> ObserveAsync(GrpcChannel channel, IEnumerable<string> questions)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var answers = new SortedDictionary<string, IMessage>(StringComparer.Ordinal);
        foreach (var question in questions)
        {
            answers[question] = await StateQuestions.AskAsync(channel, question);
        }

        return answers;
    }

    /// <summary>True if both hold the same questions with equal answers.</summary>
    public static bool Same(IReadOnlyDictionary<string, IMessage> one, IReadOnlyDictionary<string, IMessage> other)
    {
        ArgumentNullException.ThrowIfNull(one);
        ArgumentNullException.ThrowIfNull(other);
        return one.Count == other.Count && one.All(a => other.TryGetValue(a.Key, out var b) && a.Value.Equals(b));
    }

    /// <summary>Writes each answer to its file under <paramref name="folder"/>.</summary>
    public static void Write(string folder, IReadOnlyDictionary<string, IMessage> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        foreach (var (question, answer) in answers)
        {
            var path = Path.Combine(folder, question);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, Formatter.Format(answer) + "\n");
        }
    }

    /// <summary>The answers kept under <paramref name="folder"/>: every JSON file in a subfolder, read back strictly (an unknown field fails).</summary>
    public static IReadOnlyDictionary<string, IMessage> Read(string folder)
    {
        var answers = new SortedDictionary<string, IMessage>(StringComparer.Ordinal);
        foreach (var sub in Directory.EnumerateDirectories(folder))
        {
            foreach (var path in Directory.EnumerateFiles(sub, "*.json", SearchOption.AllDirectories))
            {
                var question = Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/');
                answers[question] = StateQuestions.ParserOf(question).ParseJson(File.ReadAllText(path));
            }
        }

        return answers;
    }

    /// <summary>
    /// Asks the gateway behind <paramref name="channel"/> every question kept under <paramref name="folder"/> and
    /// requires each answer to equal the kept one.
    /// </summary>
    public static async Task AssertServedAsync(GrpcChannel channel, string folder)
    {
        var expected = Read(folder);
        Assert.That(expected, Is.Not.Empty, $"no kept answers under {folder}");
        var actual = await ObserveAsync(channel, expected.Keys);
        Assert.Multiple(() =>
        {
            foreach (var (question, answer) in expected)
            {
                Assert.That(actual[question], Is.EqualTo(answer), () => $"{question}; the gateway answered:\n{Formatter.Format(actual[question])}");
            }
        });
    }
}
