using System.Text;

namespace IncidentExchange.IntegrationTests.Support;

/// <summary>A text writer a test can read while the CLI writes to it from another task.</summary>
public sealed class CapturedWriter : TextWriter
{
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_text)
        {
            _text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_text)
        {
            _text.Append(value);
        }
    }

    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }

    /// <summary>Waits (bounded) until the captured text contains <paramref name="fragment"/>.</summary>
    public async Task WaitForAsync(string fragment, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!ToString().Contains(fragment, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{fragment}' did not appear within {timeout}; got: {this}");
            }

            await Task.Delay(50);
        }
    }
}
