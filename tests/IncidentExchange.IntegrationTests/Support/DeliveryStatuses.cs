using IncidentExchange.Contracts.V1;

namespace IncidentExchange.IntegrationTests.Support;

/// <summary>Waits on the origin's delivery status, which receipts fill in a moment after the events they report.</summary>
public static class DeliveryStatuses
{
    /// <summary>Polls <paramref name="origin"/>'s status of <paramref name="noticeId"/> until <paramref name="condition"/> holds (bounded).</summary>
    public static async Task<DeliveryStatusReply> WaitForAsync(TestNode origin, string noticeId, Func<DeliveryStatusReply, bool> condition, TimeSpan? bound = null)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (bound ?? TimeSpan.FromSeconds(30));
        DeliveryStatusReply last;
        do
        {
            last = await origin.Client.GetDeliveryStatusAsync(new DeliveryStatusRequest { NoticeId = noticeId });
            if (condition(last))
            {
                return last;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"The delivery status of {noticeId} at {origin.NodeId} did not get there: {last}");
    }
}
