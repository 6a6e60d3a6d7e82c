using System.Collections.Concurrent;
using IncidentExchange.Gateway.Outboxes;
using IncidentExchange.Messaging.Publishing;

namespace IncidentExchange.Gateway.History;

/// <summary>
/// Writes the history copies of what the inbox accepted and of what this node sent, in the background, many per
/// round trip. Each copy is in the <see cref="HistoryJournal"/> before the caller goes on (for the inbox: before its
/// message is acknowledged), so neither a kill nor the broker being away loses it: a batch the broker cannot take
/// is sent again until it can, and what a killed gateway had not sent goes out when it starts again.
/// </summary>
public sealed class HistoryOutbox(ConfirmingPublisher publisher, HistoryJournal journal, ILogger<HistoryOutbox> logger) : Outbox(publisher, logger)
{
    // Journal numbers of the queued copies, in queue order: a sent batch confirms the first N of them.
    private readonly ConcurrentQueue<long> _numbers = new();
    private readonly SemaphoreSlim _order = new(1, 1);

    /// <inheritdoc />
    protected override bool KeepUntilSent => true;

    /// <summary>Journals one history copy and queues it.</summary>
    public async ValueTask EnqueueAsync(OutgoingMessage entry, CancellationToken cancellationToken)
    {
        // Only writers add to the queue and they take turns here, so room seen here is still there below; the number
        // is queued before the copy, so the sender never takes a copy whose number is not yet known.
        while (true)
        {
            await _order.WaitAsync(cancellationToken);
            try
            {
                if (HasRoom)
                {
                    var number = journal.Append(entry);
                    _numbers.Enqueue(number);
                    if (!TryEnqueue([entry]))
                    {
                        throw new InvalidOperationException("The history outbox had room and then did not.");
                    }

                    return;
                }
            }
            finally
            {
                _order.Release();
            }

            await WaitForRoomAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Copies a killed gateway journaled but never got confirmed go first; new ones wait for them (in order).
        await _order.WaitAsync(stoppingToken);
        try
        {
            foreach (var chunk in journal.UnconfirmedAtStart.Chunk(MaxBatchSize))
            {
                foreach (var (number, _) in chunk)
                {
                    _numbers.Enqueue(number);
                }

                await SendNowAsync(chunk.Select(c => new[] { c.Copy }).ToList(), stoppingToken);
            }
        }
        finally
        {
            _order.Release();
        }

        await base.ExecuteAsync(stoppingToken);
    }

    /// <inheritdoc />
    protected override void Sent(int groups)
    {
        long last = 0;
        for (var i = 0; i < groups && _numbers.TryDequeue(out var number); i++)
        {
            last = number;
        }

        if (last > 0)
        {
            try
            {
                journal.Confirmed(last);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The copies are in the stream; not noting it only means they are sent once more after a restart.
                logger.LogWarning("Cannot note confirmed history copies in the journal: {Reason}", ex.Message);
            }
        }
    }
}
